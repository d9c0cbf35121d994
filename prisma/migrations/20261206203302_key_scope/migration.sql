-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "scope_group_ids" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "scope_network_ids" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "scoped" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "groups" ADD COLUMN     "network_id" UUID;

-- AlterTable
ALTER TABLE "vouchers" ADD COLUMN     "network_id" UUID;

-- AlterTable
ALTER TABLE "wifi_users" ADD COLUMN     "network_id" UUID;

-- CreateIndex
CREATE INDEX "group_members_user_id_idx" ON "group_members"("user_id");

-- CreateIndex
CREATE INDEX "groups_network_id_idx" ON "groups"("network_id");

-- CreateIndex
CREATE INDEX "vouchers_network_id_idx" ON "vouchers"("network_id");

-- CreateIndex
CREATE INDEX "wifi_users_network_id_idx" ON "wifi_users"("network_id");

-- AddForeignKey
ALTER TABLE "wifi_users" ADD CONSTRAINT "wifi_users_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "groups" ADD CONSTRAINT "groups_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE SET NULL ON UPDATE CASCADE;
