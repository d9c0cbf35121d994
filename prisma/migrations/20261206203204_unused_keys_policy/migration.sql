-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "disable_unused_keys_after_days" INTEGER;
