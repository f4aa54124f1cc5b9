import type { Content as PdfContent } from 'pdfmake/interfaces.js';
import { enumLabel } from '../../../shared/taxonomies/index.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { contentDisposition } from '../../http/download.js';
import { createPdf } from '../../pdf/create-pdf.js';
import { keyValues, reportDocument, zebraTable } from '../../pdf/layout.js';
import { yuanText } from '../contracts/certificate.js';
import { loadDistrict } from '../organisations/district-config.js';
import { districtDateTime, districtToday } from '../projects/due-dates.js';
import { type ConfirmationState, presentConfirmation } from './confirmations.js';
import type { Actor } from '../../core/access.js';

const METHOD: Record<string, string> = { price: '挂牌价格成交（一口价）', offer: '面议报价成交', auction: '竞价成交' };
const beijing = (iso: string | null) => (iso ? `${districtDateTime(new Date(iso))}（北京时间）` : '—');

function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The deal confirmation (成交确认书) as a PDF: the content both parties
 * confirm, each side's confirmation (organisation, person, time in Beijing
 * time) or 待确认, and the content's SHA-256 so a printed copy can be checked
 * against the platform. Only for final deals.
 */
export async function confirmationPdf(db: DbOrTx, actor: Actor, s: ConfirmationState, now: Date): Promise<{ buffer: Buffer; contentDisposition: string }> {
  if (s.deal.status !== 'final') throw new AppError('INVALID_STATE', { message: { zh: '交易尚未生效，不能出具成交确认书。', en: 'The deal is not final; there is no confirmation to print yet.' } });
  const v = await presentConfirmation(db, actor, s);
  const c = v.content;
  const district = loadDistrict().district;
  const partyText = (p: { name: string; creditCode: string | null }) => [p.name, p.creditCode ? `统一社会信用代码 ${p.creditCode}` : '统一社会信用代码 —'].join('，');
  const how = c.method === 'auction' && c.auction ? `${METHOD.auction}，共 ${c.auction.bidCount} 次出价，最高应价 ${yuanText(c.auction.winningBidFen)}` : c.method === 'offer' && c.offerFen !== null ? `${METHOD.offer}，受让方报价 ${yuanText(c.offerFen)}` : METHOD[c.method]!;
  const pairs: [string, string][] = [
    ['成交编号', c.dealId],
    ['挂牌编号', c.listingId],
    ['科技成果', c.achievement.title],
    ['转让方（卖方）', partyText(c.seller)],
    ['受让方（买方）', partyText(c.buyer)],
    ['成交金额', yuanText(c.amountFen)],
    ['转化方式', enumLabel('transferMode', c.transferMode, 'zh-CN')],
    ['成交方式', how],
    ['成交时间', beijing(c.dealCreatedAt)],
    ['公示期', `${c.noticeWorkingDays} 个工作日，至 ${beijing(c.noticeEndsAt)}`],
    ['交易生效时间', beijing(c.finalisedAt)],
  ];
  const side = (label: string, x: typeof v.seller) =>
    x
      ? [label, x.organisation.name, x.confirmedBy?.displayName ?? '—', beijing(x.confirmedAt), x.current ? '已确认' : '已确认（确认后内容有变化）']
      : [label, label === '转让方' ? c.seller.name : c.buyer.name, '—', '—', '待确认'];
  const body: PdfContent[] = [
    { text: '成交确认书', style: 'title', margin: [0, 10, 0, 4] },
    { text: `${district.name}技术交易平台`, style: 'subtitle', margin: [0, 0, 0, 18] },
    keyValues(pairs),
    { text: '双方确认', style: 'h2' },
    zebraTable([{ header: '当事方' }, { header: '单位' }, { header: '确认人' }, { header: '确认时间' }, { header: '状态' }], [side('转让方', v.seller), side('受让方', v.buyer)]),
    {
      text: '转让方与受让方已在平台阅读以上成交内容，由各自经办人以本人账号重新输入登录密码确认。该确认证明经办人确认了下列摘要对应的内容，不构成《中华人民共和国电子签名法》所称的可靠电子签名；技术合同仍须双方签署后办理认定登记。',
      margin: [0, 14, 0, 6],
    },
    { text: '内容摘要（SHA-256，对成交内容的规范化 JSON 计算）：', style: 'small' },
    // On a line of its own, small enough not to wrap, so it can be compared character by character.
    { text: v.contentHash, fontSize: 8, margin: [0, 2, 0, 0] },
    { text: `${district.name}技术交易平台（盖章）`, alignment: 'right', margin: [0, 40, 0, 0] },
    { text: dateZh(districtToday(now)), alignment: 'right', margin: [0, 6, 0, 0] },
  ];
  const doc = reportDocument({ title: '成交确认书', district: `${district.name}技术交易平台`, dateText: dateZh(districtToday(now)), header: `成交确认书 ${c.dealId}` }, body);
  const buffer = await createPdf(doc);
  return { buffer, contentDisposition: contentDisposition(`成交确认书-${c.achievement.title.slice(0, 40)}.pdf`) };
}
