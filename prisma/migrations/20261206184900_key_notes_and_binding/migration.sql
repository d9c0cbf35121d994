-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "bind_to_first_address" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "api_keys_tags_idx" ON "api_keys" USING GIN ("tags") WHERE (deleted_at IS NULL);
