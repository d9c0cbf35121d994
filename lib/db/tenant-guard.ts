import { Prisma } from "@/lib/generated/prisma/client";

// A structural guard against a forgotten account filter, on both databases. Every query on
// a model that belongs to an account must name the account: `where.accountId` (directly or
// in an AND; an account by its `id`), and `data.accountId` when it creates rows. A query
// without it is refused before it reaches the database, so a future slip fails closed (an
// error, zero rows) instead of reading or changing another account's rows. The few lookups
// that must search all accounts (a key by its hash, a member by the email signing in) use
// getUnscopedDb() on purpose, each with a comment saying why.
//
// On PostgreSQL, row-level security stands behind it (row-security.ts and the migration
// "tenant_row_security"): the account named here is the one set for the query, and raw
// SQL, relations and rows without an account column are held to it by the database.
const ACCOUNT_OWNED = new Set([
  // An account is its own: by its id.
  "Account",
  "Invitation",
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
  constructor(model: string, operation: string, why = "queries on account-owned records must filter by accountId") {
    super(`Refused an unscoped ${model}.${operation}: ${why}.`);
    this.name = "UnscopedQueryError";
  }
}

type Args = { where?: unknown; data?: unknown; create?: unknown };

// The account a query's arguments name, for the row-level security setting (row-security.ts):
// `accountId` (or an Account's own `id`) in its filter or its new rows. A member read by its
// login alone (identityId: one person's own memberships, in every account) reads with the
// bypass; an outbox message of no account names none explicitly. Anything else: null, and the
// query runs with no account set.
export type NamedScope = { account: string } | { noAccount: true } | { bypass: true; accounts?: (NamedScope | null)[] };

// Rows without an account column, named by their parent's: `{ apiKey: { accountId } }`.
const PARENT: Record<string, string> = { ApiKeySecret: "apiKey", GroupMember: "group", RolePermission: "role" };
export const CHILD_MODELS = new Set(Object.keys(PARENT));

function named(value: unknown, model: string): NamedScope | null {
  if (!value || typeof value !== "object") return null;
  const record = value as { id?: unknown; accountId?: unknown; identityId?: unknown; AND?: unknown };
  if (typeof record.accountId === "string") return { account: record.accountId };
  const parent = PARENT[model] ? (record as Record<string, { accountId?: unknown } | undefined>)[PARENT[model]] : null;
  if (typeof parent?.accountId === "string") return { account: parent.accountId };
  if (model === "Account" && typeof record.id === "string") return { account: record.id };
  if (model === "OutboxMessage" && record.accountId === null) return { noAccount: true };
  if (Array.isArray(record.AND)) {
    for (const part of record.AND) {
      const found = named(part, model);
      if (found) return found;
    }
  }
  if (model === "Member" && typeof record.identityId === "string") return { bypass: true };
  return null;
}

const same = (a: NamedScope | null, b: NamedScope | null) => JSON.stringify(a) === JSON.stringify(b);

export function accountOf(model: string, operation: string, args: unknown): NamedScope | null {
  const { where, data, create } = (args ?? {}) as Args;
  switch (operation) {
    case "create":
    case "createManyAndReturn":
    case "createMany": {
      if (!Array.isArray(data)) return named(data, model);
      const scopes = data.map((row) => named(row, model));
      if (scopes.length === 0 || scopes.some((scope) => scope === null)) return null;
      // Rows of several accounts, each naming its own (one change recorded in every account
      // of a login): written with the bypass; a client given an account refuses them.
      return scopes.every((scope) => same(scope, scopes[0])) ? scopes[0] : { bypass: true, accounts: scopes };
    }
    case "upsert": {
      const scope = named(where, model);
      return same(scope, named(create, model)) ? scope : null;
    }
    default:
      return named(where, model);
  }
}

export const tenantGuard = Prisma.defineExtension({
  name: "tenant-guard",
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        if (ACCOUNT_OWNED.has(model) && !accountOf(model, operation, args)) {
          throw new UnscopedQueryError(model, operation);
        }
        return query(args);
      },
    },
  },
});
