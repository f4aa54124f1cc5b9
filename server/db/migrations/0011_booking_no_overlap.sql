-- Confirmed bookings of one facility never overlap (issue 7, task 10).
-- btree_gist lets a GiST exclusion constraint combine equality on the
-- facility with overlap of the booked period; it ships with PostgreSQL
-- (embedded 18, and Debian's postgresql-15 package) and is a trusted
-- extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "facility_bookings" ADD CONSTRAINT "facility_bookings_no_overlap"
  EXCLUDE USING gist ("facility_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" = 'confirmed');
