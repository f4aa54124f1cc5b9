-- Directory search at 100,000 entries (issue 7; docs/decisions/0024-bounded-directory-search.md).
-- Each public directory pages its published rows newest first and ranks a
-- window of the newest matches: a partial index in exactly that order. It
-- carries the name, so the fuzzy name match of a short query (one or two
-- characters, which no trigram index can serve) is an index-only scan
-- instead of reading every row of the table.
CREATE INDEX IF NOT EXISTS "institutions_directory_order" ON "institutions" USING btree ("published_at" DESC, "id" DESC) INCLUDE ("name") WHERE "status" = 'published';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "brokers_directory_order" ON "brokers" USING btree ("published_at" DESC, "id" DESC) INCLUDE ("name") WHERE "status" = 'published';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "spaces_directory_order" ON "spaces" USING btree ("published_at" DESC, "id" DESC) INCLUDE ("name") WHERE "status" = 'published';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "alliances_directory_order" ON "alliances" USING btree ("published_at" DESC, "id" DESC) INCLUDE ("name") WHERE "status" = 'published';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "demo_zones_directory_order" ON "demo_zones" USING btree ("published_at" DESC, "id" DESC) INCLUDE ("name") WHERE "status" = 'published';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "facilities_directory_order" ON "facilities" USING btree ("published_at" DESC, "id" DESC) INCLUDE ("name") WHERE "status" = 'published';--> statement-breakpoint
-- The facilities directory gains the registries' fuzzy name match (names of three or more characters).
CREATE INDEX IF NOT EXISTS "facilities_name_trgm" ON "facilities" USING gin ("name" gin_trgm_ops);
