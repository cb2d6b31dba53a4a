CREATE TABLE "prospect_import_files" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"content" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prospect_import_files_workspace_id_import_id_pk" PRIMARY KEY("workspace_id","import_id")
);
--> statement-breakpoint
ALTER TABLE "prospect_import_files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "prospect_tags" (
	"workspace_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"prospects" integer NOT NULL,
	CONSTRAINT "prospect_tags_workspace_id_tag_pk" PRIMARY KEY("workspace_id","tag")
);
--> statement-breakpoint
ALTER TABLE "prospect_tags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP INDEX "prospects_linkedin_idx";--> statement-breakpoint
ALTER TABLE "prospect_imports" DROP CONSTRAINT "prospect_imports_pkey";--> statement-breakpoint
ALTER TABLE "prospect_imports" ADD CONSTRAINT "prospect_imports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id");--> statement-breakpoint
ALTER TABLE "prospect_imports" ADD COLUMN "skipped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prospect_imports" ADD COLUMN "error_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "prospect_imports" ADD COLUMN "mapping" jsonb;--> statement-breakpoint
ALTER TABLE "prospect_imports" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "prospect_import_files" ADD CONSTRAINT "prospect_import_files_workspace_id_import_id_prospect_imports_workspace_id_id_fk" FOREIGN KEY ("workspace_id","import_id") REFERENCES "public"."prospect_imports"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prospect_tags" ADD CONSTRAINT "prospect_tags_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prospect_imports_running_idx" ON "prospect_imports" USING btree ("created_at") WHERE status = 'running';--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "prospect_import_files" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_isolation" ON "prospect_tags" AS PERMISSIVE FOR ALL TO public USING ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK ("workspace_id" = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
-- custom: backfill LinkedIn URLs in the one spelling of src/shared/linkedin-url.ts, then one prospect per profile.
-- The two functions below mirror parseLinkedinUrl for what the table can hold, and are dropped at the end.
CREATE FUNCTION sales_machine_percent_decode(value text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  bytes bytea := ''::bytea;
  i int := 1;
  c text;
BEGIN
  WHILE i <= length(value) LOOP
    c := substr(value, i, 1);
    IF c = '%' AND substr(value, i + 1, 2) ~ '^[0-9A-Fa-f]{2}$' THEN
      bytes := bytes || decode(substr(value, i + 1, 2), 'hex');
      i := i + 3;
    ELSE
      bytes := bytes || convert_to(c, 'UTF8');
      i := i + 1;
    END IF;
  END LOOP;
  RETURN convert_from(bytes, 'UTF8');
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION sales_machine_normalise_linkedin(value text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  parts text[];
  host text;
  segs text[];
  decoded text;
  lead text;
BEGIN
  parts := regexp_match(btrim(value), '^(?:[hH][tT][tT][pP][sS]?://|//)?([^/?#]*)([^?#]*)');
  IF parts IS NULL THEN RETURN value; END IF;
  host := rtrim(lower(parts[1]), '.');
  IF host <> 'linkedin.com' AND host !~ '^(www|m|mobile|[a-z]{2})\.linkedin\.com$' THEN RETURN value; END IF;
  segs := array_remove(string_to_array(coalesce(parts[2], ''), '/'), '');
  IF lower(coalesce(segs[1], '')) = 'in' AND segs[2] IS NOT NULL THEN
    IF segs[2] ~ '^AC[A-Za-z0-9_-]{20,}$' THEN RETURN 'https://www.linkedin.com/in/' || segs[2]; END IF;
    decoded := sales_machine_percent_decode(segs[2]);
    IF decoded IS NULL OR decoded ~ '[/?#\\%[:space:][:cntrl:]]' THEN decoded := segs[2]; ELSE decoded := normalize(decoded, NFC); END IF;
    RETURN 'https://www.linkedin.com/in/' || lower(decoded);
  END IF;
  IF lower(coalesce(segs[1], '')) = 'sales' AND lower(coalesce(segs[2], '')) IN ('lead', 'people') AND segs[3] IS NOT NULL THEN
    lead := split_part(coalesce(sales_machine_percent_decode(segs[3]), segs[3]), ',', 1);
    IF lead ~ '^[A-Za-z0-9_-]{1,200}$' THEN RETURN 'https://www.linkedin.com/sales/lead/' || lead; END IF;
    RETURN value;
  END IF;
  RETURN 'https://www.linkedin.com' || CASE WHEN cardinality(segs) > 0 THEN '/' || array_to_string(segs, '/') ELSE '' END;
END $$;
--> statement-breakpoint
-- Rows that now name the same profile: one keeps it (a row without email first, as it has no other
-- contact); the others keep their email, with the URL kept as a custom field, or (without email) the
-- spelling they had, which the old index already kept apart.
WITH normalised AS (
  SELECT id, workspace_id, email, created_at, linkedin_url AS old_url, sales_machine_normalise_linkedin(linkedin_url) AS new_url
  FROM prospects WHERE linkedin_url IS NOT NULL
), ranked AS (
  SELECT *, row_number() OVER (
    PARTITION BY workspace_id, new_url
    ORDER BY (email IS NULL AND old_url = new_url) DESC, (email IS NULL) DESC, created_at, id
  ) AS rank
  FROM normalised
)
UPDATE prospects p SET
  linkedin_url = CASE WHEN r.rank = 1 THEN r.new_url WHEN p.email IS NULL THEN r.old_url ELSE NULL END,
  custom_fields = CASE WHEN r.rank > 1 AND p.email IS NOT NULL THEN p.custom_fields || jsonb_build_object('LinkedIn URL', r.old_url) ELSE p.custom_fields END
FROM ranked r
WHERE p.id = r.id AND (r.rank > 1 OR r.new_url IS DISTINCT FROM r.old_url);
--> statement-breakpoint
DROP FUNCTION sales_machine_normalise_linkedin(text);
--> statement-breakpoint
DROP FUNCTION sales_machine_percent_decode(text);
--> statement-breakpoint
CREATE UNIQUE INDEX "prospects_linkedin_idx" ON "prospects" USING btree ("workspace_id","linkedin_url") WHERE linkedin_url is not null;
--> statement-breakpoint
-- custom: tag counts kept by statement-level triggers (one upsert per tag and statement, even for a 2,500-row batch).
CREATE FUNCTION sales_machine_apply_tag_deltas(workspace_ids uuid[], tag_names text[], deltas int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO prospect_tags AS t (workspace_id, tag, prospects)
  SELECT w, g, n FROM unnest(workspace_ids, tag_names, deltas) AS d(w, g, n) WHERE n > 0 ORDER BY w, g
  ON CONFLICT (workspace_id, tag) DO UPDATE SET prospects = t.prospects + excluded.prospects;
  -- Decrements never insert: a workspace being deleted has no row left to point at.
  UPDATE prospect_tags t SET prospects = t.prospects + d.n
  FROM unnest(workspace_ids, tag_names, deltas) AS d(w, g, n) WHERE d.n < 0 AND t.workspace_id = d.w AND t.tag = d.g;
  DELETE FROM prospect_tags t
  USING unnest(workspace_ids, tag_names, deltas) AS d(w, g, n) WHERE d.n < 0 AND t.workspace_id = d.w AND t.tag = d.g AND t.prospects <= 0;
$$;
--> statement-breakpoint
CREATE FUNCTION sales_machine_count_prospect_tags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w uuid[];
  g text[];
  n int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(d.workspace_id), array_agg(d.tag), array_agg(d.c) INTO w, g, n
    FROM (SELECT r.workspace_id, x.tag, count(*)::int AS c FROM new_rows r, unnest(r.tags) AS x(tag) GROUP BY 1, 2) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(d.workspace_id), array_agg(d.tag), array_agg(-d.c) INTO w, g, n
    FROM (SELECT r.workspace_id, x.tag, count(*)::int AS c FROM old_rows r, unnest(r.tags) AS x(tag) GROUP BY 1, 2) d;
  ELSE
    SELECT array_agg(d.workspace_id), array_agg(d.tag), array_agg(d.c) INTO w, g, n
    FROM (
      SELECT x.workspace_id, x.tag, sum(x.c)::int AS c FROM (
        SELECT nr.workspace_id, unnest(nr.tags) AS tag, 1 AS c FROM new_rows nr JOIN old_rows o ON o.id = nr.id WHERE nr.tags IS DISTINCT FROM o.tags
        UNION ALL
        SELECT o.workspace_id, unnest(o.tags), -1 FROM new_rows nr JOIN old_rows o ON o.id = nr.id WHERE nr.tags IS DISTINCT FROM o.tags
      ) x GROUP BY 1, 2 HAVING sum(x.c) <> 0
    ) d;
  END IF;
  IF w IS NOT NULL THEN PERFORM sales_machine_apply_tag_deltas(w, g, n); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER prospects_tags_inserted AFTER INSERT ON prospects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_prospect_tags();
--> statement-breakpoint
CREATE TRIGGER prospects_tags_updated AFTER UPDATE ON prospects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_prospect_tags();
--> statement-breakpoint
CREATE TRIGGER prospects_tags_deleted AFTER DELETE ON prospects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sales_machine_count_prospect_tags();
--> statement-breakpoint
INSERT INTO prospect_tags (workspace_id, tag, prospects)
SELECT p.workspace_id, x.tag, count(*)::int FROM prospects p, unnest(p.tags) AS x(tag) GROUP BY 1, 2;
--> statement-breakpoint
-- custom: imports from before counted errors only in their list.
UPDATE "prospect_imports" SET "error_count" = jsonb_array_length("errors");
--> statement-breakpoint
-- custom: RLS and grants for the new tables
SELECT sales_machine_secure_tables();
