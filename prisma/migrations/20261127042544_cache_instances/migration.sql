-- CreateTable
CREATE TABLE "cache_instances" (
    "id" TEXT NOT NULL,
    "lease_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cache_instances_pkey" PRIMARY KEY ("id")
);
