-- Audit events outlive what they describe: no foreign key, no cascade.
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_account_id_fkey";
DROP INDEX "audit_events_account_id_created_at_idx";

-- A deleted key keeps its row (who deleted which Key ID, when) even after its role is
-- deleted; only a live key must have a role.
ALTER TABLE "api_keys" ALTER COLUMN "role_id" DROP NOT NULL;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_live_key_has_role" CHECK ("deleted_at" IS NOT NULL OR "role_id" IS NOT NULL);

-- Richer events; the earlier rows ("member:<id>"/"api_key:<keyId>" on an API key) are carried over.
ALTER TABLE "audit_events"
ADD COLUMN "actor_type" TEXT,
ADD COLUMN "actor_id" TEXT,
ADD COLUMN "actor_name" TEXT,
ADD COLUMN "target_type" TEXT,
ADD COLUMN "target_id" TEXT,
ADD COLUMN "target_name" TEXT,
ADD COLUMN "changes" JSONB,
ADD COLUMN "client_address" TEXT,
ADD COLUMN "user_agent" TEXT,
ADD COLUMN "request_id" TEXT,
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3) USING "created_at" AT TIME ZONE 'UTC';

UPDATE "audit_events" e SET
  "actor_type" = split_part(e."actor", ':', 1),
  "actor_id" = split_part(e."actor", ':', 2),
  "actor_name" = COALESCE(
    (SELECT m."email" FROM "members" m WHERE e."actor" = 'member:' || m."id"::text),
    (SELECT k."name" FROM "api_keys" k WHERE e."actor" = 'api_key:' || k."key_id"),
    e."actor"),
  "target_type" = 'api_key',
  "target_id" = e."target",
  "target_name" = (SELECT k."name" FROM "api_keys" k WHERE k."key_id" = e."target");

ALTER TABLE "audit_events"
DROP COLUMN "actor",
DROP COLUMN "target",
ALTER COLUMN "actor_type" SET NOT NULL,
ALTER COLUMN "actor_name" SET NOT NULL,
ALTER COLUMN "target_type" SET NOT NULL;

CREATE INDEX "audit_events_account_id_created_at_id_idx" ON "audit_events"("account_id", "created_at" DESC, "id" DESC);
CREATE INDEX "audit_events_account_id_action_created_at_idx" ON "audit_events"("account_id", "action", "created_at" DESC);
CREATE INDEX "audit_events_account_id_target_type_target_id_created_at_idx" ON "audit_events"("account_id", "target_type", "target_id", "created_at" DESC);
CREATE INDEX "audit_events_account_id_actor_id_created_at_idx" ON "audit_events"("account_id", "actor_id", "created_at" DESC);

-- Append-only, enforced by the database for every connection, the app's own included.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
