-- drizzle-kit emits ENABLE ROW LEVEL SECURITY but not FORCE, and no grants. This function applies
-- both to every table of the schema; each later migration that adds a table ends with
-- `SELECT sales_machine_secure_tables();` (tests fail if a workspace table is left unforced).
CREATE OR REPLACE FUNCTION sales_machine_secure_tables() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity AND NOT c.relforcerowsecurity
  LOOP
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
  GRANT USAGE ON SCHEMA public TO sales_machine_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sales_machine_app;
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO sales_machine_app;
  -- The migration journal is the system's business only.
  IF to_regclass('drizzle.__drizzle_migrations') IS NOT NULL THEN
    REVOKE ALL ON ALL TABLES IN SCHEMA drizzle FROM sales_machine_app;
  END IF;
END $$;
--> statement-breakpoint
SELECT sales_machine_secure_tables();
