-- AlterTable
ALTER TABLE "identities" ADD COLUMN     "notices_off" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "known_devices" (
    "identity_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_devices_pkey" PRIMARY KEY ("identity_id","token_hash")
);

-- CreateTable
CREATE TABLE "sent_notices" (
    "key" TEXT NOT NULL,
    "account_id" UUID NOT NULL,
    "keep_until" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sent_notices_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "sent_notices_keep_until_idx" ON "sent_notices"("keep_until");

-- CreateIndex
CREATE INDEX "api_keys_live_expires_at_idx" ON "api_keys"("expires_at") WHERE (deleted_at IS NULL);

-- AddForeignKey
ALTER TABLE "known_devices" ADD CONSTRAINT "known_devices_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
