import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Innovation vouchers (task 13, issue 8). `vouchers-redeemed`: the amount
 * (fen) of approved redemptions, dated by the ledger's redeem entry and
 * credited to the enterprise holding the voucher; `vouchers-issued`: vouchers
 * issued, dated by their reservation. Both read the ledger, so a figure is
 * exactly the entries listed in the drill-down.
 */
defineIndicatorSource({
  name: 'vouchers-redeemed',
  tables: ['voucher_entries', 'vouchers', 'voucher_redemptions'],
  records: () => sql`
    SELECT e.redemption_id AS id, '创新券 ' || v.code || ' 兑付' AS title, v.organisation_id AS organisation_id, e.created_at AS at,
      e.amount_fen::bigint AS amount, '/console/vouchers/redemptions/' || e.redemption_id AS link
    FROM voucher_entries e JOIN vouchers v ON v.id = e.voucher_id
    WHERE e.kind = 'redeem'`,
});

defineIndicatorSource({
  name: 'vouchers-issued',
  tables: ['voucher_entries', 'vouchers'],
  records: () => sql`
    SELECT v.id, '创新券 ' || v.code AS title, v.organisation_id AS organisation_id, e.created_at AS at,
      1::bigint AS amount, '/console/vouchers/' || v.id AS link
    FROM voucher_entries e JOIN vouchers v ON v.id = e.voucher_id
    WHERE e.kind = 'reserve'`,
});
