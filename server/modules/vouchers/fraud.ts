import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { listedServicePrice } from '../registries/lookups.js';
import { blacklisted, recentRedemptionCount, type VoucherRow } from './repository.js';

export type Flag = { code: 'related_parties' | 'price_above_listed' | 'redemption_burst' | 'dates_outside_validity' | 'blacklisted'; zh: string; en: string };

/** A price this many times the listed price or more is flagged. */
export const PRICE_FACTOR = 1.5;
/** This many redemptions for one provider within BURST_MINUTES is flagged. */
export const BURST_COUNT = 5;
export const BURST_MINUTES = 60;

const norm = (s: string | null | undefined) => (s ?? '').replace(/[\s\-()（）]/g, '').toLowerCase();

/**
 * The contacts recorded for an organisation: its own contact, and its
 * service-institution entry's contact. Legal representatives and
 * shareholders are not recorded by the platform yet; when the registries
 * record them they join this list.
 */
async function contactsOf(db: DbOrTx, orgId: string): Promise<{ names: Set<string>; phones: Set<string>; emails: Set<string> }> {
  const r = await db.execute<{ name: string | null; phone: string | null; email: string | null }>(sql`
    SELECT contact_name AS name, contact_phone AS phone, contact_email AS email FROM organisations WHERE id = ${orgId}
    UNION ALL
    SELECT contact_name, contact_phone, contact_email FROM institutions WHERE organisation_id = ${orgId}`);
  const out = { names: new Set<string>(), phones: new Set<string>(), emails: new Set<string>() };
  for (const row of r.rows) {
    if (norm(row.name)) out.names.add(norm(row.name));
    if (norm(row.phone)) out.phones.add(norm(row.phone));
    if (norm(row.email)) out.emails.add(norm(row.email));
  }
  return out;
}

export type RedemptionFacts = {
  providerOrgId: string;
  serviceId: string | null;
  servicePriceFen: number;
  serviceStart: string;
  serviceEnd: string;
};

/** Anti-fraud findings for a redemption, shown to the reviewer (they never block by themselves). */
export async function fraudFlags(db: DbOrTx, voucher: VoucherRow, r: RedemptionFacts, now: Date): Promise<Flag[]> {
  const flags: Flag[] = [];
  const [e, p] = await Promise.all([contactsOf(db, voucher.organisationId), contactsOf(db, r.providerOrgId)]);
  const shared: string[] = [];
  const sharedEn: string[] = [];
  const both = (zh: string, en: string) => {
    shared.push(zh);
    sharedEn.push(en);
  };
  for (const n of e.names) if (p.names.has(n)) both(`联系人“${n}”`, `contact “${n}”`);
  for (const n of e.phones) if (p.phones.has(n)) both(`电话 ${n}`, `phone ${n}`);
  for (const n of e.emails) if (p.emails.has(n)) both(`邮箱 ${n}`, `e-mail ${n}`);
  if (voucher.organisationId === r.providerOrgId) both('同一单位', 'the same organisation');
  if (shared.length > 0) {
    flags.push({ code: 'related_parties', zh: `企业与服务机构可能存在关联：${shared.join('、')}相同`, en: `The enterprise and the provider may be related: same ${sharedEn.join(', ')}` });
  }
  if (r.serviceId) {
    const listed = await listedServicePrice(db, r.serviceId);
    if (listed && listed.organisationId !== r.providerOrgId) {
      flags.push({ code: 'price_above_listed', zh: '合同所列服务不属于该服务机构', en: 'The service named belongs to another provider' });
    } else if (listed?.priceFen && r.servicePriceFen >= listed.priceFen * PRICE_FACTOR) {
      const pct = Math.round((r.servicePriceFen / listed.priceFen) * 100);
      flags.push({ code: 'price_above_listed', zh: `合同价格为该服务挂牌价（${(listed.priceFen / 100).toFixed(2)} 元）的 ${pct}%`, en: `The contract price is ${pct}% of the listed price (CNY ${(listed.priceFen / 100).toFixed(2)})` });
    }
  }
  const recent = await recentRedemptionCount(db, r.providerOrgId, now, BURST_MINUTES);
  if (recent + 1 >= BURST_COUNT) {
    flags.push({ code: 'redemption_burst', zh: `该服务机构 ${BURST_MINUTES} 分钟内已提交 ${recent + 1} 笔兑付`, en: `${recent + 1} redemptions for this provider within ${BURST_MINUTES} minutes` });
  }
  if (r.serviceStart < voucher.validFrom || r.serviceEnd > voucher.validUntil) {
    flags.push({ code: 'dates_outside_validity', zh: `服务期间 ${r.serviceStart}～${r.serviceEnd} 超出创新券有效期 ${voucher.validFrom}～${voucher.validUntil}`, en: `Service dates ${r.serviceStart}–${r.serviceEnd} fall outside the voucher’s validity ${voucher.validFrom}–${voucher.validUntil}` });
  }
  const barred = await blacklisted(db, [voucher.organisationId, r.providerOrgId]);
  if (barred.size > 0) flags.push({ code: 'blacklisted', zh: '当事方已被列入黑名单', en: 'A party is blacklisted' });
  return flags;
}
