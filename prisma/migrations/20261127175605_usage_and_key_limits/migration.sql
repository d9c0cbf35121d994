-- CreateEnum
CREATE TYPE "QuotaPeriod" AS ENUM ('day', 'month');

-- CreateEnum
CREATE TYPE "UsageGranularity" AS ENUM ('minute', 'hour', 'day');

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "quota_limit" INTEGER,
ADD COLUMN     "quota_period" "QuotaPeriod",
ADD COLUMN     "rate_limit_per_minute" INTEGER,
ADD COLUMN     "rate_limit_per_second" INTEGER;

-- CreateTable
CREATE TABLE "api_key_usage" (
    "api_key_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "granularity" "UsageGranularity" NOT NULL,
    "bucket_start" TIMESTAMP(3) NOT NULL,
    "operation" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "latency_ms" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "api_key_usage_pkey" PRIMARY KEY ("api_key_id","granularity","bucket_start","operation","outcome")
);

-- CreateIndex
CREATE INDEX "api_key_usage_account_id_bucket_start_idx" ON "api_key_usage"("account_id", "bucket_start");

-- CreateIndex
CREATE INDEX "api_key_usage_granularity_bucket_start_idx" ON "api_key_usage"("granularity", "bucket_start");
