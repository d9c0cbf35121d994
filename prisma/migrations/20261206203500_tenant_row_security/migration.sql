-- Row-level security on every table of an account's data (docs/security.md). A row is
-- visible only to a transaction that set the account it belongs to
-- (set_config('app.account_id', '<uuid>', true)), or to one that set the narrow bypass
-- (set_config('app.rls_bypass', 'on', true)) for a lookup across accounts. A query that
-- set neither sees no rows and may write none. FORCE: the tables' owner is subject too
-- (only a superuser, or a role with BYPASSRLS, is not).

-- The account of the current transaction, or NULL when none (or no valid id) was set.
CREATE FUNCTION app_account_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN current_setting('app.account_id', true) ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
              THEN current_setting('app.account_id', true)::uuid END
$$;

CREATE FUNCTION app_rls_bypass() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(current_setting('app.rls_bypass', true), '') = 'on'
$$;

ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "accounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON "accounts" USING (id = app_account_id() OR app_rls_bypass());

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['roles', 'members', 'invitations', 'api_keys', 'audit_events', 'wifi_users',
    'groups', 'networks', 'vouchers', 'api_key_usage', 'sent_notices', 'sso_connections',
    'webhook_endpoints', 'webhook_events', 'webhook_deliveries']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (account_id = app_account_id() OR app_rls_bypass())', t);
  END LOOP;
END $$;

-- Messages of no account (a login's own mail) are written with the explicit 'none'.
ALTER TABLE "outbox_messages" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "outbox_messages" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON "outbox_messages" USING (
  account_id = app_account_id()
  OR (account_id IS NULL AND current_setting('app.account_id', true) = 'none')
  OR app_rls_bypass()
);

-- Rows without an account column belong to their parent's account: visible when the parent
-- is (the parent's own policy applies inside the EXISTS).
ALTER TABLE "role_permissions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "role_permissions" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON "role_permissions" USING (
  app_rls_bypass() OR EXISTS (SELECT 1 FROM "roles" p WHERE p.id = role_id)
);

ALTER TABLE "api_key_secrets" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_key_secrets" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON "api_key_secrets" USING (
  app_rls_bypass() OR EXISTS (SELECT 1 FROM "api_keys" p WHERE p.id = api_key_id)
);

ALTER TABLE "group_members" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "group_members" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON "group_members" USING (
  app_rls_bypass() OR EXISTS (SELECT 1 FROM "groups" p WHERE p.id = group_id)
);
