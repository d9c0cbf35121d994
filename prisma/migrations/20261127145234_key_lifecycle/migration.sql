-- Key lifecycle: expiry, disable/enable, IP allowlists, leak reports, and secrets in a
-- table of their own so a rolled key has a current secret and old ones in a grace period.

-- An account may cap the lifetime of its keys.
ALTER TABLE "accounts" ADD COLUMN "max_key_lifetime_days" INTEGER;

ALTER TABLE "api_keys"
ADD COLUMN "enabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "expires_at" TIMESTAMPTZ(3),
ADD COLUMN "ip_allowlist" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "last_used_address" TEXT,
ADD COLUMN "leak_reported_at" TIMESTAMPTZ(3),
ADD COLUMN "leak_source" TEXT;

CREATE TABLE "api_key_secrets" (
    "id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "hash" TEXT,
    "start" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "valid_until" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_secrets_pkey" PRIMARY KEY ("id")
);

-- Every existing key keeps working with the secret it has: its hash becomes its current
-- secret. A deleted key (hash already erased) gets a row that ended when it was deleted,
-- so every key has a complete history. Existing timestamps are UTC (Prisma's convention).
INSERT INTO "api_key_secrets" ("id", "api_key_id", "hash", "start", "created_at", "valid_until")
SELECT gen_random_uuid(), "id", "hash", "start", "created_at" AT TIME ZONE 'UTC', "deleted_at" AT TIME ZONE 'UTC'
FROM "api_keys";

-- The hashes now live in api_key_secrets only, still under a unique index.
DROP INDEX "api_keys_hash_key";
ALTER TABLE "api_keys" DROP COLUMN "hash";

CREATE UNIQUE INDEX "api_key_secrets_hash_key" ON "api_key_secrets"("hash");
CREATE INDEX "api_key_secrets_api_key_id_created_at_idx" ON "api_key_secrets"("api_key_id", "created_at");
ALTER TABLE "api_key_secrets" ADD CONSTRAINT "api_key_secrets_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- The keys page's banners look keys up by expiry and by leak report.
CREATE INDEX "api_keys_account_id_expires_at_idx" ON "api_keys"("account_id", "expires_at");
CREATE INDEX "api_keys_account_id_leak_reported_at_idx" ON "api_keys"("account_id", "leak_reported_at");
