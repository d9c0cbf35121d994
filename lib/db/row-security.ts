import type { PrismaClient } from "@/lib/generated/prisma/client";
import { accountOf, CHILD_MODELS, UnscopedQueryError } from "./tenant-guard";

// PostgreSQL row-level security (migration "tenant_row_security") sees a tenant table's rows
// only in a transaction that set its account (`app.account_id`) or the narrow bypass
// (`app.rls_bypass`). This wraps a Prisma client so every query runs in such a transaction:
// outside a transaction, as a batch `[set_config, query]`; inside an interactive one, with a
// set_config before the first query (and again when the account changes). The account is the
// one the query names (the tenant guard requires it) or the one the client is bound to
// (getDb(accountId)), which then must be the same. A query that names none runs with nothing
// set: on the tenant tables it sees no rows, so a forgotten tenant is never every tenant.
export type Scope = { account: string } | { noAccount: true } | { bypass: true };
type Mode = { bound?: Scope; bypass: boolean; transactions: boolean };

const RAW = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"]);
const SET = "SELECT set_config('app.account_id', $1, true), set_config('app.rls_bypass', $2, true)";

function settings(scope: Scope): [string, string] {
  if ("bypass" in scope) return ["", "on"];
  if ("noAccount" in scope) return ["none", ""];
  return [scope.account, ""];
}

const key = (scope: Scope | null) => (scope ? settings(scope).join("|") : "");

// The models of the tables under row-level security (the migration's list).
const TENANT_MODELS = new Set([
  "Account",
  "Role",
  "RolePermission",
  "Member",
  "Invitation",
  "ApiKey",
  "ApiKeySecret",
  "AuditEvent",
  "WifiUser",
  "Group",
  "GroupMember",
  "Network",
  "Voucher",
  "ApiKeyUsage",
  "OutboxMessage",
  "SentNotice",
  "SsoConnection",
  "WebhookEndpoint",
  "WebhookEvent",
  "WebhookDelivery",
]);

// Whether a query on a model outside the tenant tables may read one through a relation.
function readsRelations(args: unknown): boolean {
  const { include, select } = (args ?? {}) as { include?: unknown; select?: Record<string, unknown> };
  return !!include || (!!select && Object.values(select).some((value) => typeof value === "object"));
}

// A login's own rows (not an account's): read by one of its unique keys together with the
// memberships and accounts they lead to (sign-in, the account switcher, the sessions list),
// they read with the bypass. Without such a key, or on their own, nothing is set.
const LOGIN_MODELS = new Set([
  "Identity",
  "Session",
  "PasswordReset",
  "EmailVerification",
  "Passkey",
  "KnownDevice",
  "TotpFactor",
  "RecoveryCode",
  "WebauthnChallenge",
]);
const LOGIN_KEYS = ["id", "identityId", "tokenHash", "email"] as const;

function namesOneLogin(args: unknown): boolean {
  const where = (args as { where?: Record<string, unknown> } | undefined)?.where;
  return !!where && LOGIN_KEYS.some((name) => typeof where[name] === "string");
}

function scopeOf(mode: Mode, model: string | null, operation: string, args: unknown): Scope | null {
  if (model && LOGIN_MODELS.has(model) && readsRelations(args) && namesOneLogin(args)) return { bypass: true };
  if (mode.bypass) return model && !TENANT_MODELS.has(model) && !readsRelations(args) ? null : { bypass: true };
  if (model === null) return mode.bound ?? null;
  const named = accountOf(model, operation, args);
  if (mode.bound && "account" in mode.bound) {
    // Bound to an account: a query naming another one is refused, not run.
    const bound = mode.bound.account;
    const others = named && "accounts" in named ? (named.accounts ?? []) : [named];
    if (others.some((scope) => scope && "account" in scope && scope.account !== bound)) {
      throw new UnscopedQueryError(model, operation, "names another account than its caller's");
    }
    // A login's own memberships, in every account (the account switcher, leaving one), and
    // its own mail, of no account (a verification mail in the transaction that invites it).
    return named && !("account" in named) ? named : mode.bound;
  }
  // Rows of an account-owned parent (a key's secrets, a group's members, a role's
  // permissions) found by the parent's id alone could be another account's: refused unless
  // the client is bound to the account or the filter names the parent's account. New rows
  // are held to their parent by its foreign key (and on PostgreSQL by the parent's policy).
  if (!named && CHILD_MODELS.has(model) && !operation.startsWith("create")) {
    throw new UnscopedQueryError(model, operation, "name the parent's account, or use getDb(accountId)");
  }
  return named;
}

const modelName = (property: string) => property.charAt(0).toUpperCase() + property.slice(1);

function isDelegate(value: unknown): value is Record<string, (args?: unknown) => Promise<unknown>> {
  return !!value && typeof value === "object" && typeof (value as { findMany?: unknown }).findMany === "function";
}

export function withRowSecurity(client: PrismaClient, mode: Mode): PrismaClient {
  const run = (scopeOfQuery: () => Scope | null, query: () => Promise<unknown>) => {
    let scope: Scope | null;
    try {
      scope = scopeOfQuery();
    } catch (error) {
      return Promise.reject(error);
    }
    if (!mode.transactions || !scope) return query();
    const [account, bypass] = settings(scope);
    return client
      .$transaction([client.$executeRawUnsafe(SET, account, bypass), query() as never])
      .then((results) => results[1]);
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== "string") return value;
      if (property === "$transaction") {
        return (arg: unknown, options?: unknown) => {
          if (typeof arg !== "function") return target.$transaction(arg as never, options as never);
          return target.$transaction(
            (tx) => (arg as (tx: unknown) => Promise<unknown>)(inTransaction(tx as PrismaClient, mode)),
            options as never,
          );
        };
      }
      if (RAW.has(property)) {
        return (...args: unknown[]) =>
          run(
            () => scopeOf(mode, null, property, undefined),
            () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
          );
      }
      if (!isDelegate(value)) return value;
      return new Proxy(value, {
        get(delegate, operation, delegateReceiver) {
          const method = Reflect.get(delegate, operation, delegateReceiver);
          if (typeof operation !== "string" || typeof method !== "function") return method;
          return (args?: unknown) =>
            run(
              () => scopeOf(mode, modelName(property), operation, args),
              () => method.call(delegate, args),
            );
        },
      });
    },
  });
}

// An interactive transaction: one connection, so the account is set once per change of
// account, before the query that needs it. Queries run one at a time, so two in parallel
// can't interleave their settings.
type TxState = { current: string; queue: Promise<unknown> };
const ACROSS_ACCOUNTS = Symbol("acrossAccounts");

// The same transaction, no longer held to its account: for the part of a change that is a
// login's own across its accounts (ending an unconfirmed claim of its email). Each query
// still runs with the account it names, as on the unbound client.
export function acrossAccounts<T>(tx: T): T {
  return ((tx as Record<symbol, T | undefined>)[ACROSS_ACCOUNTS] ?? tx) as T;
}

function inTransaction(
  tx: PrismaClient,
  mode: Mode,
  state: TxState = { current: "", queue: Promise.resolve() },
): PrismaClient {
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = state.queue.then(step, step);
    state.queue = next.catch(() => {});
    return next;
  };
  const ensure = async (scope: Scope | null) => {
    if (!mode.transactions || !scope || key(scope) === state.current) return;
    await tx.$executeRawUnsafe(SET, ...settings(scope));
    state.current = key(scope);
  };
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === ACROSS_ACCOUNTS) return inTransaction(tx, { ...mode, bound: undefined }, state);
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== "string") return value;
      if (RAW.has(property)) {
        return (...args: unknown[]) =>
          serial(async () => {
            await ensure(scopeOf(mode, null, property, undefined));
            return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          });
      }
      if (!isDelegate(value)) return value;
      return new Proxy(value, {
        get(delegate, operation, delegateReceiver) {
          const method = Reflect.get(delegate, operation, delegateReceiver);
          if (typeof operation !== "string" || typeof method !== "function") return method;
          return (args?: unknown) =>
            serial(async () => {
              await ensure(scopeOf(mode, modelName(property), operation, args));
              return method.call(delegate, args);
            });
        },
      });
    },
  });
}
