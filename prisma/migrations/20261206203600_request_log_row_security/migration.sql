-- Row-level security for the request log (docs/security.md), as for every tenant table: a
-- key's requests by their account; the per-key slot counter through its key.
ALTER TABLE "api_key_requests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_key_requests" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON "api_key_requests" USING (account_id = app_account_id() OR app_rls_bypass());

ALTER TABLE "api_key_request_counters" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_key_request_counters" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON "api_key_request_counters" USING (
  app_rls_bypass() OR EXISTS (SELECT 1 FROM "api_keys" p WHERE p.id = api_key_id)
);
