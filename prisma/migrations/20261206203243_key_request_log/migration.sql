-- CreateTable
CREATE TABLE "api_key_requests" (
    "id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "slot" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "operation" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "client_address" TEXT,
    "user_agent" TEXT,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "request_id" TEXT NOT NULL,

    CONSTRAINT "api_key_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key_request_counters" (
    "api_key_id" UUID NOT NULL,
    "next" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "api_key_request_counters_pkey" PRIMARY KEY ("api_key_id")
);

-- CreateIndex
CREATE INDEX "api_key_requests_account_id_api_key_id_created_at_id_idx" ON "api_key_requests"("account_id", "api_key_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "api_key_requests_account_id_api_key_id_status_created_at_id_idx" ON "api_key_requests"("account_id", "api_key_id", "status", "created_at", "id");

-- CreateIndex
CREATE INDEX "api_key_requests_created_at_idx" ON "api_key_requests"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_requests_api_key_id_slot_key" ON "api_key_requests"("api_key_id", "slot");
