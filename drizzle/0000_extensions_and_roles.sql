-- Trigram index support for the prospect free-text search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- The restricted role request handlers switch to (SET LOCAL ROLE): no superuser, no BYPASSRLS, so
-- row-level security applies. Roles are cluster-wide, hence IF NOT EXISTS semantics.
DO $$
BEGIN
  CREATE ROLE sales_machine_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
-- A non-superuser owner must be a member of the role to switch to it.
DO $$
BEGIN
  EXECUTE format('GRANT sales_machine_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
