-- AlterTable
ALTER TABLE "identities" ADD COLUMN     "one_time_used_at" TIMESTAMPTZ(3);
