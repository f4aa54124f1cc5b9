import { sql } from 'drizzle-orm';
import { defineIndicatorSource } from './registry.js';

/**
 * Technology-contract turnover (技术合同成交额, task 7): the technical-transaction
 * amount (技术交易额) of approved registrations, dated by their registration
 * date. Amendments and terminations are their own records with the change
 * they count (negative for a termination), so the drill-down lists exactly
 * the rows that sum to the figure. Credited to the seller-side organisation.
 */
defineIndicatorSource({
  name: 'contract-turnover',
  tables: ['tech_contracts'],
  records: () => sql`
    SELECT t.id, coalesce(t.registration_number || ' ', '') || t.project_name AS title, t.organisation_id, t.registered_at AS at,
      t.counted_tech_fen::bigint AS amount, '/console/contracts/' || t.id AS link
    FROM tech_contracts t WHERE t.status = 'approved'`,
});
