-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "via_sso" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "sso_connections" (
    "account_id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_sealed" TEXT NOT NULL,
    "allowed_domains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "require_sso" BOOLEAN NOT NULL DEFAULT false,
    "allow_join" BOOLEAN NOT NULL DEFAULT false,
    "default_role_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_connections_pkey" PRIMARY KEY ("account_id")
);

-- CreateIndex
CREATE INDEX "sso_connections_allowed_domains_idx" ON "sso_connections" USING GIN ("allowed_domains");

-- AddForeignKey
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
