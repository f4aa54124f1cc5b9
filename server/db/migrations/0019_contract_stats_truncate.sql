-- Custom SQL migration file, put your code below! ---- A TRUNCATE of tech_contracts empties the contract statistics summary (decision record 0023).
-- TRUNCATE fires no row or statement triggers for INSERT/UPDATE/DELETE, so the
-- summary of migration 0018 stayed as it was while the rows were gone. An AFTER
-- TRUNCATE statement trigger (no transition tables exist for TRUNCATE) deletes
-- the summary's rows in the same transaction: a rolled-back TRUNCATE leaves
-- both as they were. DELETE rather than TRUNCATE inside the trigger, so that
-- `TRUNCATE tech_contracts, contract_stats_monthly` in one statement (or a
-- TRUNCATE … CASCADE reaching both) does not fail on a table the statement is
-- already using; the summary is small (months × breakdown keys).
CREATE OR REPLACE FUNCTION tech_contracts_stats_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contract_stats_monthly;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tech_contracts_stats_truncate AFTER TRUNCATE ON tech_contracts
  FOR EACH STATEMENT EXECUTE FUNCTION tech_contracts_stats_truncate();
