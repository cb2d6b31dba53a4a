-- Custom SQL migration file, put your code below! --
-- custom: the free-text prospect filter (issue 12). `?q=` sorted by newest first walks
-- prospects_created_idx and tests search_text on every row it passes (~30 rows per match for a
-- common name): a heap fetch each, 200 ms at 20k prospects on a loaded PGlite. With search_text
-- carried in the index the same walk is an index-only scan (1.5 ms). The trigram index still
-- serves rare terms and counts; a table without a search has the narrower index to itself.
CREATE INDEX IF NOT EXISTS "prospects_created_search_idx" ON "prospects" USING btree ("workspace_id", "created_at" DESC NULLS LAST, "id" DESC NULLS LAST) INCLUDE ("search_text");
