-- The matching engine's corpus statistics now hold character pseudo-terms beside the words
-- (server/modules/matching/engine/chars.ts, decision 0015 "Fourth pass"). Statistics stored
-- before this change have none, so character backoff would stay silent until the next
-- publication rebuilt them: forget them, and the first match rebuilds them (term-stats.ts,
-- a missing version means "build now").
DELETE FROM "match_term_stats";
