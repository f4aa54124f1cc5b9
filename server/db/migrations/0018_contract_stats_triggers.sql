-- Custom SQL migration file, put your code below! ---- Monthly statistics of approved technology contracts (decision record 0023).
-- Statement-level triggers with transition tables keep contract_stats_monthly
-- equal to the sums over the approved rows of tech_contracts, in the same
-- transaction as the change: an approval adds its row's counted deltas, any
-- other change of an approved row (or a deletion) moves them. One upsert per
-- statement, grouped, so a bulk insert costs one aggregate, not one per row.
CREATE OR REPLACE FUNCTION tech_contracts_stats_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  src text;
BEGIN
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM stats_new'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM stats_old'
    ELSE 'SELECT 1 AS sign, * FROM stats_new UNION ALL SELECT -1 AS sign, * FROM stats_old' END;
  EXECUTE format($q$
    INSERT INTO contract_stats_monthly AS s (month, dim, key, rows, contracts, contract_fen, tech_fen)
    SELECT date_trunc('month', t.registered_at AT TIME ZONE 'Asia/Shanghai')::date, d.dim, d.key,
      sum(t.sign), sum(t.sign * t.counted_contracts), sum(t.sign * t.counted_contract_fen), sum(t.sign * t.counted_tech_fen)
    FROM (%s) t
    CROSS JOIN LATERAL (VALUES
      ('total', ''), ('type', t.type), ('sub', t.type || '.' || t.sub_type), ('field', split_part(t.tech_field, '.', 1)),
      ('industry', coalesce(t.industry_section, '')), ('seller', t.seller_region), ('buyer', t.buyer_region),
      ('same', CASE WHEN t.seller_region = t.buyer_region THEN t.seller_region END)
    ) AS d(dim, key)
    WHERE t.status = 'approved' AND t.registered_at IS NOT NULL AND d.key IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(t.sign) <> 0 OR sum(t.sign * t.counted_contracts) <> 0 OR sum(t.sign * t.counted_contract_fen) <> 0 OR sum(t.sign * t.counted_tech_fen) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (month, dim, key) DO UPDATE SET rows = s.rows + EXCLUDED.rows, contracts = s.contracts + EXCLUDED.contracts,
      contract_fen = s.contract_fen + EXCLUDED.contract_fen, tech_fen = s.tech_fen + EXCLUDED.tech_fen
  $q$, src);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tech_contracts_stats_insert AFTER INSERT ON tech_contracts
  REFERENCING NEW TABLE AS stats_new FOR EACH STATEMENT EXECUTE FUNCTION tech_contracts_stats_apply();
--> statement-breakpoint
CREATE TRIGGER tech_contracts_stats_update AFTER UPDATE ON tech_contracts
  REFERENCING OLD TABLE AS stats_old NEW TABLE AS stats_new FOR EACH STATEMENT EXECUTE FUNCTION tech_contracts_stats_apply();
--> statement-breakpoint
CREATE TRIGGER tech_contracts_stats_delete AFTER DELETE ON tech_contracts
  REFERENCING OLD TABLE AS stats_old FOR EACH STATEMENT EXECUTE FUNCTION tech_contracts_stats_apply();
--> statement-breakpoint
-- The registrations approved before this migration.
INSERT INTO contract_stats_monthly (month, dim, key, rows, contracts, contract_fen, tech_fen)
SELECT date_trunc('month', t.registered_at AT TIME ZONE 'Asia/Shanghai')::date, d.dim, d.key,
  count(*), sum(t.counted_contracts), sum(t.counted_contract_fen), sum(t.counted_tech_fen)
FROM tech_contracts t
CROSS JOIN LATERAL (VALUES
  ('total', ''), ('type', t.type), ('sub', t.type || '.' || t.sub_type), ('field', split_part(t.tech_field, '.', 1)),
  ('industry', coalesce(t.industry_section, '')), ('seller', t.seller_region), ('buyer', t.buyer_region),
  ('same', CASE WHEN t.seller_region = t.buyer_region THEN t.seller_region END)
) AS d(dim, key)
WHERE t.status = 'approved' AND t.registered_at IS NOT NULL AND d.key IS NOT NULL
GROUP BY 1, 2, 3;
