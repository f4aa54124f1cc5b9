import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReportQuery, ReportView } from '../../../shared/contracts/vouchers.js';
import type { Locale } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { addDays, districtToday } from '../projects/due-dates.js';
import { balanceOf } from './ledger.js';
import { voucherProgrammes } from './schema.js';

const CATEGORY: Record<string, { zh: string; en: string }> = {
  trading: { zh: '技术交易', en: 'Technology trading' },
  evaluation: { zh: '评估评价', en: 'Evaluation' },
  financing: { zh: '投融资', en: 'Financing' },
  consulting: { zh: '咨询', en: 'Consulting' },
  legal: { zh: '法律', en: 'Legal' },
  ip_agency: { zh: '知识产权代理', en: 'IP agency' },
  testing: { zh: '检验检测', en: 'Testing' },
};

type Row = z.input<typeof ReportView>['rows'][number];

/**
 * The voucher report: ledger movements in a period (district dates) grouped
 * by programme, month, service category, provider or township. Every figure
 * is a sum of ledger entries: issued = reservations, redeemed = approved
 * redemptions, released = expiries, voids and unused remainders, paid =
 * payouts. A voucher's category, provider and township are its redemption's
 * when it has one, else its application's.
 */
export async function voucherReport(db: DbOrTx, q: z.output<typeof ReportQuery>, now: Date, locale: Locale): Promise<z.input<typeof ReportView>> {
  const to = q.to ?? districtToday(now);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  const fromTs = `${from}T00:00:00+08:00`;
  const toTs = `${addDays(to, 1)}T00:00:00+08:00`;
  const key = {
    programme: sql`e.programme_id::text`,
    month: sql`to_char(e.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`,
    category: sql`coalesce(r.service_category, a.service_category, '')`,
    provider: sql`coalesce(r.provider_org_id, a.provider_org_id)::text`,
    township: sql`a.township_org_id::text`,
  }[q.groupBy];
  const label = {
    programme: sql`min(p.name)`,
    month: sql`''`,
    category: sql`''`,
    provider: sql`min(po.name)`,
    township: sql`min(t.name)`,
  }[q.groupBy];
  const joins = {
    programme: sql`JOIN voucher_programmes p ON p.id = e.programme_id`,
    month: sql``,
    category: sql``,
    provider: sql`LEFT JOIN organisations po ON po.id = coalesce(r.provider_org_id, a.provider_org_id)`,
    township: sql`LEFT JOIN organisations t ON t.id = a.township_org_id`,
  }[q.groupBy];
  const res = await db.execute<Record<string, string | null>>(sql`
    SELECT ${key} AS key, ${label} AS label,
      coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'reserve'), 0)::text AS issued_fen,
      count(*) FILTER (WHERE e.kind = 'reserve')::text AS issued_count,
      coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'redeem'), 0)::text AS redeemed_fen,
      count(*) FILTER (WHERE e.kind = 'redeem')::text AS redeemed_count,
      coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'release'), 0)::text AS released_fen,
      count(*) FILTER (WHERE e.kind = 'release' AND e.reason = 'expiry')::text AS expired_count,
      coalesce(sum(e.amount_fen) FILTER (WHERE e.kind = 'pay'), 0)::text AS paid_fen,
      count(*) FILTER (WHERE e.kind = 'pay')::text AS paid_count
    FROM voucher_entries e
    JOIN vouchers v ON v.id = e.voucher_id
    LEFT JOIN voucher_applications a ON a.id = v.application_id
    LEFT JOIN voucher_redemptions r ON r.voucher_id = v.id AND r.status <> 'rejected'
    ${joins}
    WHERE e.kind <> 'allocate' AND e.created_at >= ${fromTs}::timestamptz AND e.created_at < ${toTs}::timestamptz
      ${q.programmeId ? sql`AND e.programme_id = ${q.programmeId}` : sql``}
    GROUP BY 1 ORDER BY 1`);
  const none = locale === 'en' ? '(not stated)' : '（未填写）';
  const rows: Row[] = res.rows.map((r) => {
    const k = r.key ?? '';
    const lab = q.groupBy === 'month' ? k : q.groupBy === 'category' ? (CATEGORY[k]?.[locale === 'en' ? 'en' : 'zh'] ?? (k || none)) : (r.label ?? none);
    return {
      key: k,
      label: lab,
      issuedFen: Number(r.issued_fen),
      issuedCount: Number(r.issued_count),
      redeemedFen: Number(r.redeemed_fen),
      redeemedCount: Number(r.redeemed_count),
      releasedFen: Number(r.released_fen),
      expiredCount: Number(r.expired_count),
      paidFen: Number(r.paid_fen),
      paidCount: Number(r.paid_count),
    };
  });
  const sum = (f: keyof Row) => rows.reduce((acc, r) => acc + (r[f] as number), 0);
  const total: Row = {
    key: 'total',
    label: locale === 'en' ? 'Total' : '合计',
    issuedFen: sum('issuedFen'),
    issuedCount: sum('issuedCount'),
    redeemedFen: sum('redeemedFen'),
    redeemedCount: sum('redeemedCount'),
    releasedFen: sum('releasedFen'),
    expiredCount: sum('expiredCount'),
    paidFen: sum('paidFen'),
    paidCount: sum('paidCount'),
  };
  const programmes = await db.select().from(voucherProgrammes).orderBy(voucherProgrammes.createdAt);
  const budgets = programmes.filter((p) => !q.programmeId || p.id === q.programmeId).map((p) => ({ programme: { id: p.id, name: p.name }, balance: balanceOf(p) }));
  return { groupBy: q.groupBy, from, to, rows, total, budgets };
}
