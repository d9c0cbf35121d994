import type { Fields } from "@/lib/audit/diff";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { KeyScope } from "@/lib/key-scope";
import type { Permissions } from "@/lib/permissions";
import type { ScopedRecord } from "./scope";

export type Tx = Prisma.TransactionClient;

// How one kind of account-owned record (a key, a role, a member, a Wi-Fi user…) is
// found, named and compared. The record writer (write.ts) does the rest the same way
// for every kind: account scoping, not-found, conflicts, the access rule, the audit event.
export type RecordKind<Row> = {
  // Audit target type and action prefix: "api_key" → "api_key.create".
  type: string;
  // "No API key with this Key ID." — also for another account's id.
  notFound: string;
  // "A role with this name already exists." — for a unique clash.
  conflict: string;
  // The form field the conflict is about, when there is one ("email" at sign-up).
  conflictField?: string;
  // The row with this id in this account, or null. Never another account's row. A kind
  // that is `scoped` also returns null for a row outside `scope` (scope.ts).
  load(tx: Tx, accountId: string, id: string, scope?: KeyScope | null): Promise<Row | null>;
  // Which of the scope rule's records this is (scope.ts); none: scopes don't apply.
  scoped?: ScopedRecord;
  describe(row: Row): RecordDescription;
  // The record as the API shows it (never a secret): what its webhook events carry. A kind
  // without one publishes no events (lib/events/from-audit.ts says which changes are events).
  view?(row: Row): unknown;
};

export type RecordDescription = {
  id: string;
  name: string;
  // Compared before → after for the audit event; never secrets.
  fields: Fields;
  // Keys, roles and members carry access; the actor must hold at least as much. `scope`:
  // the records it reaches (a key's scope); absent: the whole account (roles, members).
  access?: { permissions: Permissions; subject: string; field?: "roleId" | "permissions"; scope?: KeyScope | null };
};

export function defineKind<Row>(kind: RecordKind<Row>): RecordKind<Row> {
  return kind;
}
