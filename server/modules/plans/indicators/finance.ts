import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * S&T finance (tasks 8, 14 and 15), from the finance register
 * (server/modules/finance). Only records a bureau reviewer verified count;
 * each is dated by the day it was signed (district midnight), so a record
 * verified late still counts in the year the financing happened.
 *
 * `finance-patent-pledge-amount`: the amount (fen) of verified patent pledge
 * loans (知识产权质押融资额), credited to the borrowing organisation.
 */
defineIndicatorSource({
  name: 'finance-patent-pledge-amount',
  tables: ['finance_records'],
  records: () => sql`
    SELECT f.id, '知识产权质押贷款 ' || f.institution_name AS title, f.organisation_id, (f.signed_on::timestamp AT TIME ZONE 'Asia/Shanghai') AS at,
      f.amount_fen::bigint AS amount, '/console/finance/records/' || f.id AS link
    FROM finance_records f WHERE f.status = 'verified' AND f.kind = 'patent_pledge_loan'`,
});

/**
 * `finance-enterprises`: enterprises with verified S&T financing of any kind
 * (获得科技金融支持的企业数). Sources are sums over records in a time range,
 * so each organisation is one record of 1, dated by its first verified
 * financing signed on or after the earliest plan's start (financing before
 * any plan does not make an organisation count in it). As a cumulative
 * indicator it is the number of organisations financed since the plan
 * began; as a yearly one, those financed for the first time in the year.
 * The drill-down lists the organisation with its first record.
 */
defineIndicatorSource({
  name: 'finance-enterprises',
  tables: ['finance_records', 'plans'],
  records: () => sql`
    SELECT DISTINCT ON (f.organisation_id) f.id, '首次获得科技金融支持：' || o.name AS title, f.organisation_id,
      (f.signed_on::timestamp AT TIME ZONE 'Asia/Shanghai') AS at, 1::bigint AS amount, '/console/finance/records/' || f.id AS link
    FROM finance_records f JOIN organisations o ON o.id = f.organisation_id
    WHERE f.status = 'verified' AND f.signed_on >= (SELECT coalesce(min(p.start_date), '1970-01-01'::date) FROM plans p)
    ORDER BY f.organisation_id, f.signed_on, f.id`,
});
