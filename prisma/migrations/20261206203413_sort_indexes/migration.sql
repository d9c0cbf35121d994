-- The list sorts of issue 26: names sort by ICU's root collation ("und-x-icu", which both
-- PGlite and PostgreSQL built with ICU have), so "éclair" comes before "zulu"
-- (lib/lists/table.ts). Prisma can't spell an index column's collation: the schema lists
-- these indexes without it.

-- API keys' name sort, by the same collation.
DROP INDEX "api_keys_account_id_name_id_idx";
CREATE INDEX "api_keys_account_id_name_id_idx" ON "api_keys"("account_id", "name" COLLATE "und-x-icu", "id") WHERE (deleted_at IS NULL);

-- CreateIndex
CREATE INDEX "groups_account_id_name_id_idx" ON "groups"("account_id", "name" COLLATE "und-x-icu", "id");

-- CreateIndex
CREATE INDEX "networks_account_id_name_id_idx" ON "networks"("account_id", "name" COLLATE "und-x-icu", "id");

-- CreateIndex
CREATE INDEX "networks_account_id_ssid_id_idx" ON "networks"("account_id", "ssid" COLLATE "und-x-icu", "id");

-- CreateIndex
CREATE INDEX "vouchers_account_id_code_id_idx" ON "vouchers"("account_id", "code" COLLATE "und-x-icu", "id");

-- CreateIndex
CREATE INDEX "vouchers_account_id_validity_seconds_id_idx" ON "vouchers"("account_id", "validity_seconds", "id");

-- CreateIndex
CREATE INDEX "vouchers_account_id_expires_at_id_idx" ON "vouchers"("account_id", "expires_at", "id");

-- CreateIndex
CREATE INDEX "wifi_users_account_id_username_id_idx" ON "wifi_users"("account_id", "username" COLLATE "und-x-icu", "id");

-- CreateIndex
CREATE INDEX "wifi_users_account_id_full_name_id_idx" ON "wifi_users"("account_id", "full_name" COLLATE "und-x-icu", "id");

-- CreateIndex
CREATE INDEX "wifi_users_account_id_email_id_idx" ON "wifi_users"("account_id", "email" COLLATE "und-x-icu", "id");
