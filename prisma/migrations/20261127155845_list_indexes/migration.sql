-- Lists whose cost doesn't grow with the account (lib/lists/): citext for names compared
-- and sorted without case, pg_trgm for substring search. Both ship with PostgreSQL's
-- contrib (trusted extensions: the database owner may create them) and with PGlite
-- (lib/db/pglite.ts loads them).
CREATE EXTENSION IF NOT EXISTS "citext";
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- DropIndex
DROP INDEX "api_keys_account_id_deleted_at_created_at_idx";

-- DropIndex
DROP INDEX "api_keys_account_id_deleted_at_name_idx";

-- DropIndex
DROP INDEX "groups_account_id_created_at_idx";

-- DropIndex
DROP INDEX "networks_account_id_created_at_idx";

-- DropIndex
DROP INDEX "vouchers_account_id_created_at_idx";

-- DropIndex
DROP INDEX "wifi_users_account_id_created_at_idx";

-- AlterTable
ALTER TABLE "api_keys" ALTER COLUMN "name" SET DATA TYPE CITEXT;

-- Role names become unique regardless of case. Where an account already has names that
-- differ only by case ("Support" and "support"), the built-in role, else the oldest, keeps
-- its name; the others get the start of their id appended: "support (1a2b3c4d)".
UPDATE "roles" r SET "name" = r."name" || ' (' || left(r."id"::text, 8) || ')'
WHERE EXISTS (
  SELECT 1 FROM "roles" o
  WHERE o."account_id" = r."account_id" AND o."id" <> r."id" AND lower(o."name") = lower(r."name")
    AND (o."built_in" IS NULL, o."created_at", o."id") < (r."built_in" IS NULL, r."created_at", r."id")
);

-- AlterTable
ALTER TABLE "roles" ALTER COLUMN "name" SET DATA TYPE CITEXT;

-- CreateIndex
CREATE INDEX "api_keys_account_id_created_at_id_idx" ON "api_keys"("account_id", "created_at", "id") WHERE (deleted_at IS NULL);

-- CreateIndex
CREATE INDEX "api_keys_account_id_name_id_idx" ON "api_keys"("account_id", "name", "id") WHERE (deleted_at IS NULL);

-- CreateIndex (NULLS FIRST: ascending puts never-used keys first, descending last, and one
-- index serves both directions; the schema can't say NULLS FIRST, see schema.prisma)
CREATE INDEX "api_keys_account_id_last_used_at_id_idx" ON "api_keys"("account_id", "last_used_at" NULLS FIRST, "id") WHERE (deleted_at IS NULL);

-- CreateIndex
CREATE INDEX "api_keys_name_idx" ON "api_keys" USING GIN ("name" gin_trgm_ops) WHERE (deleted_at IS NULL);

-- CreateIndex
CREATE INDEX "api_keys_key_id_idx" ON "api_keys" USING GIN ("key_id" gin_trgm_ops) WHERE (deleted_at IS NULL);

-- CreateIndex
CREATE INDEX "audit_events_actor_name_idx" ON "audit_events" USING GIN ("actor_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "groups_account_id_created_at_id_idx" ON "groups"("account_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "groups_name_idx" ON "groups" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "members_account_id_created_at_id_idx" ON "members"("account_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "networks_account_id_created_at_id_idx" ON "networks"("account_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "networks_name_idx" ON "networks" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "networks_ssid_idx" ON "networks" USING GIN ("ssid" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "roles_account_id_built_in_name_id_idx" ON "roles"("account_id", "built_in", "name", "id");

-- CreateIndex
CREATE INDEX "vouchers_account_id_created_at_id_idx" ON "vouchers"("account_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "vouchers_code_idx" ON "vouchers" USING GIN ("code" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "wifi_users_account_id_created_at_id_idx" ON "wifi_users"("account_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "wifi_users_username_idx" ON "wifi_users" USING GIN ("username" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "wifi_users_full_name_idx" ON "wifi_users" USING GIN ("full_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "wifi_users_email_idx" ON "wifi_users" USING GIN ("email" gin_trgm_ops);
