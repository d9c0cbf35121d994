-- AlterTable
ALTER TABLE "webauthn_challenges" ALTER COLUMN "identity_id" DROP NOT NULL;
