-- AlterTable
ALTER TABLE "identities" ADD COLUMN     "email_verified_at" TIMESTAMPTZ(3);

-- Logins from before email verification keep working: they count as verified since they
-- were created.
UPDATE "identities" SET "email_verified_at" = "created_at";

-- CreateTable
CREATE TABLE "email_verifications" (
    "identity_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "code_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "code_attempts" INTEGER NOT NULL DEFAULT 0,
    "token_hash" TEXT NOT NULL,
    "link_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "email_verifications_pkey" PRIMARY KEY ("identity_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_verifications_token_hash_key" ON "email_verifications"("token_hash");

-- AddForeignKey
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
