-- People and sessions: a login (identity) separate from its memberships, server-side
-- sessions, invitations, and the rate limiter's counters. Existing rows are kept:
-- every member becomes one identity with the same id, email and password hash.

-- CreateTable
CREATE TABLE "identities" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "password_changed_at" TIMESTAMPTZ(3),
    "last_account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identities_pkey" PRIMARY KEY ("id"),
    -- Emails are compared lower-case everywhere; storing them so keeps the unique index case-insensitive.
    CONSTRAINT "identities_email_lower_case" CHECK ("email" = lower("email"))
);

-- CreateIndex
CREATE UNIQUE INDEX "identities_email_key" ON "identities"("email");

-- Data: member emails were unique across all accounts and stored lower-case, so each
-- member becomes its own identity (same id). A member added by a Team admin still has
-- the one-time password the admin saw, so must replace it at the next sign-in; the
-- account's creator (the member created with the account, in the same transaction)
-- chose their own.
INSERT INTO "identities" ("id", "email", "password_hash", "must_change_password", "last_account_id", "created_at")
SELECT m."id",
       lower(m."email"),
       m."password_hash",
       NOT EXISTS (
         SELECT 1 FROM "accounts" a
         WHERE a."id" = m."account_id"
           AND m."created_at" BETWEEN a."created_at" - interval '5 seconds' AND a."created_at" + interval '5 seconds'
           AND NOT EXISTS (
             SELECT 1 FROM "members" earlier
             WHERE earlier."account_id" = m."account_id" AND earlier."created_at" < m."created_at"
           )
       ),
       m."account_id",
       m."created_at"
FROM "members" m;

-- AlterTable
ALTER TABLE "members" ADD COLUMN "identity_id" UUID;
UPDATE "members" SET "identity_id" = "id";

-- DropIndex
DROP INDEX "members_email_key";

-- AlterTable
ALTER TABLE "members" DROP COLUMN "email",
DROP COLUMN "password_hash";

-- CreateTable
CREATE TABLE "invitations" (
    "member_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("member_id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "identity_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "client_address" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable: rate-limiter-flexible's PostgreSQL store layout (lib/rate-limit/store.ts).
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_account_id_email_key" ON "invitations"("account_id", "email");

-- CreateIndex
CREATE INDEX "sessions_identity_id_idx" ON "sessions"("identity_id");

-- CreateIndex
CREATE INDEX "sessions_member_id_idx" ON "sessions"("member_id");

-- CreateIndex
CREATE UNIQUE INDEX "members_identity_id_account_id_key" ON "members"("identity_id", "account_id");

-- AddForeignKey
ALTER TABLE "members" ADD CONSTRAINT "members_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;
