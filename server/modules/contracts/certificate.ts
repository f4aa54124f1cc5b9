import type { Content } from 'pdfmake/interfaces.js';
import { CONTRACT_TYPE_LABELS, type ContractType, type Party, PARTY_NATURE_LABELS, PLAN_CATEGORY_LABELS, SUB_TYPE_LABELS } from '../../../shared/contracts/contracts.js';
import { region, techField } from '../../../shared/taxonomies/index.js';
import { AppError } from '../../core/errors.js';
import { contentDisposition } from '../../http/download.js';
import { createPdf } from '../../pdf/create-pdf.js';
import { keyValues, reportDocument, zebraTable } from '../../pdf/layout.js';
import { loadDistrict } from '../organisations/district-config.js';
import { districtToday } from '../projects/due-dates.js';
import type { ContractRow } from './repository.js';

/** "1,234,567.89 元" from fen, exactly. */
export function yuanText(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${neg ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')} 元`;
}

function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function partyText(p: Party): string {
  const where = p.countryCode === 'CN' ? (p.regionCode ? region(p.regionCode)?.name ?? p.regionCode : '') : p.countryCode;
  return [p.name, p.creditCode ? `统一社会信用代码 ${p.creditCode}` : null, where, PARTY_NATURE_LABELS[p.nature]?.zh].filter(Boolean).join('，');
}

const KIND_TITLE: Record<string, string> = { original: '技术合同认定登记证明', amendment: '技术合同变更认定登记证明', termination: '技术合同终止认定登记证明' };

/**
 * The registration certificate (登记证明) of an approved registration: its
 * number and date, the parties, the type as registered, the contract amount
 * and the approved technical income (认定技术性收入 = 技术交易额), and for a
 * change the amounts it counts from its date.
 */
export async function certificatePdf(c: ContractRow, parent: ContractRow | null): Promise<{ buffer: Buffer; filename: string; contentDisposition: string }> {
  if (c.status !== 'approved' || !c.registrationNumber || !c.registeredAt) throw new AppError('INVALID_STATE');
  const district = loadDistrict().district;
  const registeredOn = districtToday(c.registeredAt);
  const title = KIND_TITLE[c.kind] ?? KIND_TITLE.original!;
  const field = techField(c.techField);
  const pairs: [string, string][] = [
    ['登记号', c.registrationNumber],
    ['登记日期', dateZh(registeredOn)],
    ['项目名称', c.projectName],
    ['合同类别', `${CONTRACT_TYPE_LABELS[c.type as ContractType]?.zh ?? c.type} · ${SUB_TYPE_LABELS[`${c.type}.${c.subType}`]?.zh ?? c.subType}`],
    ['卖方（技术提供方）', partyText(c.seller as Party)],
    ['买方（技术受让方）', partyText(c.buyer as Party)],
    ['签订日期与地点', `${dateZh(c.signedOn)}，${c.signedPlace}`],
    ['有效期', `${dateZh(c.validFrom)} 至 ${dateZh(c.validTo)}`],
    ['技术领域', field ? `${field.code} ${field.name}` : c.techField],
    ['计划类别', PLAN_CATEGORY_LABELS[c.planCategory as keyof typeof PLAN_CATEGORY_LABELS]?.zh ?? c.planCategory],
  ];
  if (parent?.registrationNumber) pairs.splice(1, 0, ['原登记号', parent.registrationNumber]);
  const money: Content[] = [
    { text: '认定金额', style: 'h2' },
    zebraTable(
      [{ header: '项目' }, { header: '金额', align: 'right' }],
      c.kind === 'termination'
        ? [
            ['已履行合同金额', yuanText(c.performedAmountFen ?? 0)],
            ['已履行技术交易额（认定技术性收入）', yuanText(c.performedTechFen ?? 0)],
            ['本次登记计入统计的金额变化（技术交易额）', yuanText(c.countedTechFen)],
          ]
        : [
            ['合同成交金额', yuanText(c.contractAmountFen)],
            ['非技术性款项（核减）', yuanText(c.contractAmountFen - c.techAmountFen)],
            [{ text: '认定技术性收入（技术交易额）', bold: true }, { text: yuanText(c.techAmountFen), bold: true, alignment: 'right' }],
            ...(c.kind === 'amendment' ? [['本次变更计入统计的金额变化（技术交易额）', yuanText(c.countedTechFen)] as [string, string]] : []),
          ],
    ),
  ];
  const doc = reportDocument({ title, district: `${district.name}技术合同登记机构`, dateText: dateZh(registeredOn), header: `${title} ${c.registrationNumber}` }, [
    { text: title, style: 'title', margin: [0, 10, 0, 4] },
    { text: `登记号：${c.registrationNumber}`, style: 'subtitle', margin: [0, 0, 0, 18] },
    keyValues(pairs),
    ...money,
    {
      text: `经审查，该合同符合技术合同认定规则，予以认定登记。认定的技术性收入为 ${yuanText(c.kind === 'termination' ? (c.performedTechFen ?? 0) : c.techAmountFen)}，可据此申请享受国家有关税收优惠政策。`,
      margin: [0, 14, 0, 0],
    },
    { text: `${district.name}技术合同登记机构（盖章）`, alignment: 'right', margin: [0, 40, 0, 0] },
    { text: dateZh(registeredOn), alignment: 'right', margin: [0, 6, 0, 0] },
  ]);
  const buffer = await createPdf(doc);
  const filename = `技术合同登记证明-${c.registrationNumber}.pdf`;
  return { buffer, filename, contentDisposition: contentDisposition(filename) };
}
