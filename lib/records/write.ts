import type { Actor } from "@/lib/auth/actor";
import { diff, type Changes } from "@/lib/audit/diff";
import {
  recordEvent,
  recordEvents,
  type AnonymousActor,
  type AuditEventInput,
  type AuditTarget,
} from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertWithinOwnAccess } from "./hierarchy";
import type { RecordDescription, RecordKind, Tx } from "./kind";

// The one place every change to an account-owned record goes through. In one
// transaction it loads the record within the actor's account (else not-found), checks
// the access rule on the record as it was and as it becomes, makes the change, and
// writes exactly one audit event with what changed. Unique clashes become a conflict
// with the kind's message. `afterCommit` runs once the change is durable (e.g. to drop
// cached keys on every instance before the caller is told it is done).
type Options = { action?: string; afterCommit?: () => Promise<void> };

export async function createRecord<Row>(
  actor: Actor,
  kind: RecordKind<Row>,
  run: (tx: Tx) => Promise<Row>,
  options: Options = {},
): Promise<Row> {
  return write(kind, options, async (tx) => {
    const created = await run(tx);
    const after = kind.describe(created);
    checkAccess(actor, after);
    await recordEvent(tx, actor, {
      action: options.action ?? `${kind.type}.create`,
      target: targetOf(kind, after),
      changes: diff(null, after.fields),
    });
    return created;
  });
}

export async function updateRecord<Row>(
  actor: Actor,
  kind: RecordKind<Row>,
  id: string,
  run: (tx: Tx, before: Row) => Promise<void>,
  options: Options = {},
): Promise<Row> {
  return write(kind, options, async (tx) => {
    const before = await loadOrThrow(tx, actor, kind, id);
    const described = kind.describe(before);
    checkAccess(actor, described);
    await run(tx, before);
    const updated = await loadOrThrow(tx, actor, kind, id);
    const after = kind.describe(updated);
    checkAccess(actor, after);
    const changes = diff(described.fields, after.fields);
    // Nothing changed, nothing to record.
    if (changes) {
      await recordEvent(tx, actor, {
        action: options.action ?? `${kind.type}.update`,
        target: targetOf(kind, after),
        changes,
      });
    }
    return updated;
  });
}

export async function deleteRecord<Row>(
  actor: Actor,
  kind: RecordKind<Row>,
  id: string,
  run: (tx: Tx, before: Row) => Promise<void>,
  options: Options = {},
): Promise<Row> {
  return write(kind, options, async (tx) => {
    const before = await loadOrThrow(tx, actor, kind, id);
    const described = kind.describe(before);
    checkAccess(actor, described);
    await run(tx, before);
    await recordEvent(tx, actor, {
      action: options.action ?? `${kind.type}.delete`,
      target: targetOf(kind, described),
      changes: diff(described.fields, null),
    });
    return before;
  });
}

// A change that is not one record's create, update or delete (a batch, a membership):
// the caller names the event; the transaction, the error mapping and the single event
// are the same as above.
export async function recordChange<T>(
  actor: Actor,
  kind: Pick<RecordKind<unknown>, "conflict" | "notFound">,
  run: (tx: Tx) => Promise<{ result: T; event: { action: string; target: AuditTarget; changes: Changes | null } }>,
  options: Pick<Options, "afterCommit"> = {},
): Promise<T> {
  return write(kind, options, async (tx) => {
    const { result, event } = await run(tx);
    await recordEvent(tx, actor, event);
    return result;
  });
}

// Changes made on nobody's behalf, each in the account of the record it touches: a leak
// report (whoever holds a key's secret may have the key disabled; holding it is the
// authority, so the access rule has no actor to apply to). The transaction, the error
// mapping and one event per record changed are the same as above.
export async function recordAnonymousChanges<T>(
  kind: Pick<RecordKind<unknown>, "conflict" | "notFound">,
  run: (tx: Tx) => Promise<{ result: T; events: { actor: AnonymousActor; event: AuditEventInput }[] }>,
  options: Pick<Options, "afterCommit"> = {},
): Promise<T> {
  return write(kind, options, async (tx) => {
    const { result, events } = await run(tx);
    await recordEvents(tx, events);
    return result;
  });
}

export async function loadOrThrow<Row>(tx: Tx, actor: Pick<Actor, "accountId">, kind: RecordKind<Row>, id: string) {
  const row = await kind.load(tx, actor.accountId, id);
  if (!row) throw new AppError("not_found", kind.notFound);
  return row;
}

// Reads one record of the actor's account, or not-found.
export async function readRecord<Row>(accountId: string, kind: RecordKind<Row>, id: string): Promise<Row> {
  return loadOrThrow(getDb(), { accountId }, kind, id);
}

function checkAccess(actor: Actor, description: RecordDescription): void {
  if (description.access) {
    const { permissions, subject, field } = description.access;
    assertWithinOwnAccess(actor, permissions, subject, field);
  }
}

function targetOf(kind: Pick<RecordKind<unknown>, "type">, description: RecordDescription): AuditTarget {
  return { type: kind.type, id: description.id, name: description.name };
}

async function write<T>(
  kind: Pick<RecordKind<unknown>, "conflict" | "notFound">,
  options: Pick<Options, "afterCommit">,
  run: (tx: Tx) => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await getDb().$transaction(run, { maxWait: 10_000, timeout: 20_000 });
  } catch (error) {
    throw mapDatabaseError(error, kind);
  }
  await options.afterCommit?.();
  return result;
}

// Database errors that input can cause, as errors a person can act on.
function mapDatabaseError(error: unknown, kind: Pick<RecordKind<unknown>, "conflict" | "notFound">): unknown {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return error;
  if (error.code === "P2002") return new AppError("conflict", kind.conflict);
  if (error.code === "P2025") return new AppError("not_found", kind.notFound);
  if (error.code === "P2003") {
    return new AppError(
      "conflict",
      "A record this change refers to no longer exists, or is still in use. Reload and try again.",
    );
  }
  return error;
}
