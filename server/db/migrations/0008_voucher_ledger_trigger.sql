-- The voucher ledger is append-only, and it alone moves the running totals on
-- voucher_programmes and vouchers (whose CHECK constraints then refuse any
-- movement that would exceed a budget or a voucher's value).
-- docs/decisions/0017-voucher-ledger.md
CREATE FUNCTION voucher_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'voucher ledger entries are immutable' USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER voucher_entries_no_update BEFORE UPDATE OR DELETE ON voucher_entries
  FOR EACH ROW EXECUTE FUNCTION voucher_entries_immutable();
--> statement-breakpoint
CREATE TRIGGER voucher_entries_no_truncate BEFORE TRUNCATE ON voucher_entries
  FOR EACH STATEMENT EXECUTE FUNCTION voucher_entries_immutable();
--> statement-breakpoint
CREATE FUNCTION voucher_entries_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  voucher_programme uuid;
BEGIN
  IF NEW.voucher_id IS NOT NULL THEN
    SELECT programme_id INTO voucher_programme FROM vouchers WHERE id = NEW.voucher_id;
    IF voucher_programme IS DISTINCT FROM NEW.programme_id THEN
      RAISE EXCEPTION 'voucher % is not in programme %', NEW.voucher_id, NEW.programme_id USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  UPDATE voucher_programmes SET
    allocated_fen = allocated_fen + CASE WHEN NEW.kind = 'allocate' THEN NEW.amount_fen ELSE 0 END,
    reserved_fen = reserved_fen + CASE WHEN NEW.kind = 'reserve' THEN NEW.amount_fen ELSE 0 END,
    released_fen = released_fen + CASE WHEN NEW.kind = 'release' THEN NEW.amount_fen ELSE 0 END,
    redeemed_fen = redeemed_fen + CASE WHEN NEW.kind = 'redeem' THEN NEW.amount_fen ELSE 0 END,
    paid_fen = paid_fen + CASE WHEN NEW.kind = 'pay' THEN NEW.amount_fen ELSE 0 END
  WHERE id = NEW.programme_id;
  IF NEW.voucher_id IS NOT NULL THEN
    UPDATE vouchers SET
      reserved_fen = reserved_fen + CASE WHEN NEW.kind = 'reserve' THEN NEW.amount_fen ELSE 0 END,
      released_fen = released_fen + CASE WHEN NEW.kind = 'release' THEN NEW.amount_fen ELSE 0 END,
      redeemed_fen = redeemed_fen + CASE WHEN NEW.kind = 'redeem' THEN NEW.amount_fen ELSE 0 END,
      paid_fen = paid_fen + CASE WHEN NEW.kind = 'pay' THEN NEW.amount_fen ELSE 0 END
    WHERE id = NEW.voucher_id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER voucher_entries_apply AFTER INSERT ON voucher_entries
  FOR EACH ROW EXECUTE FUNCTION voucher_entries_apply();
--> statement-breakpoint
-- Running totals change only through the ledger.
CREATE FUNCTION voucher_totals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 AND (
    NEW.reserved_fen IS DISTINCT FROM OLD.reserved_fen OR NEW.released_fen IS DISTINCT FROM OLD.released_fen
    OR NEW.redeemed_fen IS DISTINCT FROM OLD.redeemed_fen OR NEW.paid_fen IS DISTINCT FROM OLD.paid_fen
    OR (TG_TABLE_NAME = 'voucher_programmes' AND (to_jsonb(NEW)->'allocated_fen') IS DISTINCT FROM (to_jsonb(OLD)->'allocated_fen'))
  ) THEN
    RAISE EXCEPTION 'voucher totals are written only by the ledger' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER voucher_programmes_totals_guard BEFORE UPDATE ON voucher_programmes
  FOR EACH ROW EXECUTE FUNCTION voucher_totals_guard();
--> statement-breakpoint
CREATE TRIGGER vouchers_totals_guard BEFORE UPDATE ON vouchers
  FOR EACH ROW EXECUTE FUNCTION voucher_totals_guard();
--> statement-breakpoint
-- Inserted rows start at zero: the totals come from entries only.
CREATE FUNCTION voucher_totals_start_at_zero() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.reserved_fen <> 0 OR NEW.released_fen <> 0 OR NEW.redeemed_fen <> 0 OR NEW.paid_fen <> 0
     OR (TG_TABLE_NAME = 'voucher_programmes' AND (to_jsonb(NEW)->>'allocated_fen')::bigint <> 0) THEN
    RAISE EXCEPTION 'voucher totals start at zero' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER voucher_programmes_start_at_zero BEFORE INSERT ON voucher_programmes
  FOR EACH ROW EXECUTE FUNCTION voucher_totals_start_at_zero();
--> statement-breakpoint
CREATE TRIGGER vouchers_start_at_zero BEFORE INSERT ON vouchers
  FOR EACH ROW EXECUTE FUNCTION voucher_totals_start_at_zero();
