import type { Actor } from "@/lib/actor";
import { diff, type Changes } from "@/lib/audit/diff";
import {
  recordEvent,
  recordEvents,
  type AnonymousActor,
  type AuditEventInput,
  type AuditTarget,
} from "@/lib/audit/record";
import { getDb, getUnscopedDb } from "@/lib/db";
import type { KeyScope } from "@/lib/key-scope";
import { fromDatabaseError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { eventOfAction } from "@/lib/events/from-audit";
import { publishEvent } from "@/lib/events/publish";
import { wakeOutbox } from "@/lib/outbox/worker";
import { assertWithinOwnAccess } from "./hierarchy";
import type { RecordDescription, RecordKind, Tx } from "./kind";
import { outOfScope } from "./scope";

// The one place every change to an account-owned record goes through. In one
// transaction it loads the record within the actor's account (else not-found), checks
// the access rule on the record as it was and as it becomes, makes the change, and
// writes exactly one audit event with what changed, and publishes the change's webhook
// event (if it is one, lib/events/) with the record's API view. Unique clashes become a conflict
// with the kind's message. `afterCommit` runs once the change is durable (e.g. to drop
// cached keys on every instance before the caller is told it is done).
type Options = { action?: string; afterCommit?: () => Promise<void> };
type Messages = Pick<RecordKind<unknown>, "conflict" | "notFound" | "conflictField">;

export function createRecord<Row>(
  actor: Actor,
  kind: RecordKind<Row>,
  run: (tx: Tx) => Promise<Row>,
  options: Options = {},
): Promise<Row> {
  return change(actor, kind, null, "create", (tx) => run(tx), options);
}

export function updateRecord<Row>(
  actor: Actor,
  kind: RecordKind<Row>,
  id: string,
  run: (tx: Tx, before: Row) => Promise<void>,
  options: Options = {},
): Promise<Row> {
  return change(
    actor,
    kind,
    id,
    "update",
    async (tx, before) => {
      await run(tx, before!);
      // Read back within the account only: leaving the scope is refused in change().
      return loadOrThrow(tx, { accountId: actor.accountId }, kind, id);
    },
    options,
  );
}

export function deleteRecord<Row>(
  actor: Actor,
  kind: RecordKind<Row>,
  id: string,
  run: (tx: Tx, before: Row) => Promise<void>,
  options: Options = {},
): Promise<Row> {
  return change(
    actor,
    kind,
    id,
    "delete",
    async (tx, before) => {
      await run(tx, before!);
      return null;
    },
    options,
  );
}

// One change of one record: the record as it was (none for a create), the change, the
// record as it is (none for a delete); the access rule on both sides; one event with the
// difference. An update that changed nothing records nothing.
async function change<Row>(
  actor: Actor,
  kind: RecordKind<Row>,
  id: string | null,
  verb: "create" | "update" | "delete",
  run: (tx: Tx, before: Row | null) => Promise<Row | null>,
  options: Options,
): Promise<Row> {
  let published = false;
  const afterCommit = async () => {
    if (published) wakeOutbox();
    await options.afterCommit?.();
  };
  return write(kind, { afterCommit }, inAccount(actor), async (tx) => {
    const before = id === null ? null : await loadOrThrow(tx, actor, kind, id);
    const was = before === null ? null : describeWithinAccess(actor, kind, before);
    const after = await run(tx, before);
    const is = after === null ? null : describeWithinAccess(actor, kind, after);
    // A scoped key's create or change must leave the record within its scope (scope.ts).
    if (is && actor.scope && kind.scoped && !(await kind.load(tx, actor.accountId, is.id, actor.scope))) {
      throw outOfScope();
    }
    const changes = diff(was?.fields ?? null, is?.fields ?? null);
    if (changes || verb !== "update") {
      const action = options.action ?? `${kind.type}.${verb}`;
      await recordEvent(tx, actor, { action, target: targetOf(kind, (is ?? was)!), changes });
      const event = eventOfAction(action, changes);
      if (event && kind.view) published = await publishEvent(tx, actor.accountId, event, kind.view((after ?? before)!));
    }
    return (after ?? before)!;
  });
}

// A change that is not one record's create, update or delete (a batch, a membership):
// the caller names the event; the transaction, the error mapping and the single event
// are the same as above. A run that found nothing to change (a conditional update that
// matched no row) returns event null, and nothing is recorded.
export async function recordChange<T>(
  actor: Actor,
  kind: Messages,
  run: (
    tx: Tx,
  ) => Promise<{ result: T; event: { action: string; target: AuditTarget; changes: Changes | null } | null }>,
  options: Pick<Options, "afterCommit"> = {},
): Promise<T> {
  return write(kind, options, inAccount(actor), async (tx) => {
    const { result, event } = await run(tx);
    if (event) await recordEvent(tx, actor, event);
    return result;
  });
}

// A change that brings its actor into being: a new account, made by its first member,
// who exists only once the transaction has created them. The transaction, the error
// mapping and the single event are the same as above.
export async function recordFounding<T>(
  kind: Messages,
  run: (tx: Tx) => Promise<{ result: T; actor: Actor; event: AuditEventInput }>,
): Promise<T> {
  return write(kind, {}, getDb(), async (tx) => {
    const { result, actor, event } = await run(tx);
    await recordEvent(tx, actor, event);
    return result;
  });
}

// A change to a login, which belongs to no account (its password, chosen through a
// "Forgot password?" link): recorded in every account the login is a member of, each event
// by that account's member. The transaction, the error mapping and the events are the
// same as above.
export async function recordLoginChange<T>(
  kind: Messages,
  run: (tx: Tx) => Promise<{ result: T; events: { actor: Actor; event: AuditEventInput }[] }>,
  options: Pick<Options, "afterCommit"> = {},
): Promise<T> {
  return write(kind, options, getDb(), async (tx) => {
    const { result, events } = await run(tx);
    await recordEvents(tx, events);
    return result;
  });
}

// Changes made on nobody's behalf, each in the account of the record it touches: a leak
// report (whoever holds a key's secret may have the key disabled; holding it is the
// authority, so the access rule has no actor to apply to). The transaction, the error
// mapping and one event per record changed are the same as above.
export async function recordAnonymousChanges<T>(
  kind: Messages,
  run: (tx: Tx) => Promise<{ result: T; events: { actor: AnonymousActor; event: AuditEventInput }[] }>,
  options: Pick<Options, "afterCommit"> = {},
): Promise<T> {
  // Changes no account asked for (a leak report names secrets, not an account): the rows
  // are found by what the caller holds, across accounts, so the transaction is unscoped;
  // each event still goes to the account of the record it describes.
  return write(kind, options, getUnscopedDb(), async (tx) => {
    const { result, events } = await run(tx);
    await recordEvents(tx, events);
    return result;
  });
}

// Within the account and, for a scoped key, within its scope (scope.ts): else not-found.
export async function loadOrThrow<Row>(
  tx: Tx,
  actor: Pick<Actor, "accountId" | "scope">,
  kind: RecordKind<Row>,
  id: string,
) {
  const row = await kind.load(tx, actor.accountId, id, actor.scope);
  if (!row) throw new AppError("not_found", kind.notFound);
  return row;
}

// Reads one record of the actor's account (and of its scope), or not-found.
export async function readRecord<Row>(
  accountId: string,
  kind: RecordKind<Row>,
  id: string,
  scope?: KeyScope | null,
): Promise<Row> {
  return loadOrThrow(getDb(), { accountId, scope }, kind, id);
}

function describeWithinAccess<Row>(actor: Actor, kind: RecordKind<Row>, row: Row): RecordDescription {
  const description = kind.describe(row);
  if (description.access) {
    const { permissions, subject, field, scope } = description.access;
    assertWithinOwnAccess(actor, permissions, subject, field, scope);
  }
  return description;
}

function targetOf(kind: Pick<RecordKind<unknown>, "type">, description: RecordDescription): AuditTarget {
  return { type: kind.type, id: description.id, name: description.name };
}

// An actor's changes run within its account: on PostgreSQL the transaction has it set for
// row-level security from its first query, raw SQL included.
const inAccount = (actor: Pick<Actor, "accountId">) => getDb(actor.accountId);

async function write<T>(
  kind: Messages,
  options: Pick<Options, "afterCommit">,
  db: Pick<ReturnType<typeof getDb>, "$transaction">,
  run: (tx: Tx) => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await db.$transaction(run);
  } catch (error) {
    throw fromDatabaseError(error, kind) ?? error;
  }
  await options.afterCommit?.();
  return result;
}
