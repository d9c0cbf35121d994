import { Prisma } from "@/lib/generated/prisma/client";

// A structural guard against a forgotten account filter. Every query on a model that
// belongs to an account must name the account: `where.accountId` (directly or in an
// AND), and `data.accountId` when it creates rows. A query without it is refused before
// it reaches the database, so a future slip fails closed (an error, zero rows) instead
// of reading or changing another account's rows. The few lookups that must search all
// accounts (a key by its hash, a member by the email signing in) use getUnscopedDb()
// on purpose, each with a comment saying why.
//
// Chosen over PostgreSQL row-level security: the embedded database runs every request on
// one connection, where a per-transaction account setting would cost a statement per
// request; this check costs no query.
const ACCOUNT_OWNED = new Set([
  "Role",
  "Member",
  "ApiKey",
  "AuditEvent",
  "WifiUser",
  "Group",
  "Network",
  "Voucher",
  "OutboxMessage",
  "SentNotice",
  "SsoConnection",
  "WebhookEndpoint",
  "WebhookEvent",
  "WebhookDelivery",
]);

export class UnscopedQueryError extends Error {
  constructor(model: string, operation: string) {
    super(`Refused an unscoped ${model}.${operation}: queries on account-owned records must filter by accountId.`);
    this.name = "UnscopedQueryError";
  }
}

type Args = { where?: unknown; data?: unknown; create?: unknown };

// A member's rows may also be read by the login they belong to (identityId): that is one
// person's own memberships, for the account switcher and sign-in, never another's.
function names(value: unknown, model: string): boolean {
  if (!value || typeof value !== "object") return false;
  const record = value as { accountId?: unknown; identityId?: unknown; AND?: unknown };
  if (typeof record.accountId === "string") return true;
  if (model === "Member" && typeof record.identityId === "string") return true;
  // An outbox message may belong to no account (a login's own mail): it says so explicitly.
  if (model === "OutboxMessage" && record.accountId === null) return true;
  return Array.isArray(record.AND) && record.AND.some((part) => names(part, model));
}

function scoped(model: string, operation: string, args: Args): boolean {
  const has = (value: unknown) => names(value, model);
  switch (operation) {
    case "create":
    case "createManyAndReturn":
    case "createMany":
      return Array.isArray(args.data) ? args.data.every(has) : has(args.data);
    case "upsert":
      return has(args.where) && has(args.create);
    default:
      return has(args.where);
  }
}

export const tenantGuard = Prisma.defineExtension({
  name: "tenant-guard",
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        if (ACCOUNT_OWNED.has(model) && !scoped(model, operation, args as Args)) {
          throw new UnscopedQueryError(model, operation);
        }
        return query(args);
      },
    },
  },
});
