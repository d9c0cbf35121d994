import { getDb } from "@/lib/db";
import { Prisma, type AuditEvent } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/validations/cursor";
import { readIds, readList } from "@/lib/lists/read";
import { containsPattern, defineList } from "@/lib/lists/table";
import { LATEST_INSTANT, type PageQuery } from "@/lib/validations/common";
import type { AuditEventJson, AuditFilters } from "@/lib/validations/audit";

export function toAuditEventJson(event: AuditEvent): AuditEventJson {
  return {
    id: event.id,
    createdAt: event.createdAt.toISOString(),
    actor: { type: event.actorType as AuditEventJson["actor"]["type"], id: event.actorId, name: event.actorName },
    action: event.action,
    target: { type: event.targetType, id: event.targetId, name: event.targetName },
    changes: (event.changes as AuditEventJson["changes"]) ?? null,
    clientAddress: event.clientAddress,
    userAgent: event.userAgent,
    requestId: event.requestId,
  };
}

// The day's end, held at the latest instant people may send (9999-12-31's end is not a
// date both databases write alike).
const endOfDay = (value: string) =>
  new Date(
    Math.min(new Date(`${value}T00:00:00Z`).getTime() + 86_400_000, LATEST_INSTANT.getTime() + 999),
  ).toISOString();
const startOfDay = (value: string) => `${value}T00:00:00Z`;

// The filters as SQL conditions for the list reader (lib/lists/read.ts), which adds the
// account. Each equality has an index that also gives the newest-first order; the actor,
// which may be part of an email or key name, is a `match` (served by a trigram index).
function auditConditions(filters: AuditFilters): { where: Prisma.Sql[]; match?: Prisma.Sql } {
  const where: Prisma.Sql[] = [];
  if (filters.action) where.push(Prisma.sql`action = ${filters.action}`);
  if (filters.targetType) where.push(Prisma.sql`target_type = ${filters.targetType}`);
  if (filters.targetId) where.push(Prisma.sql`target_id = ${filters.targetId}`);
  if (filters.from) {
    const from = filters.from.length === 10 ? startOfDay(filters.from) : filters.from;
    where.push(Prisma.sql`created_at >= ${from}::timestamptz`);
  }
  if (filters.to) {
    where.push(
      filters.to.length === 10
        ? Prisma.sql`created_at < ${endOfDay(filters.to)}::timestamptz`
        : Prisma.sql`created_at <= ${filters.to}::timestamptz`,
    );
  }
  const match = filters.actor
    ? Prisma.sql`(actor_id = ${filters.actor} OR actor_name ILIKE ${containsPattern(filters.actor)})`
    : undefined;
  return { where, match };
}

// Newest first (the index on account_id, created_at DESC, id DESC).
export const auditList = defineList({
  table: "audit_events",
  sorts: { createdAt: [{ column: "created_at", type: "timestamptz(3)" }] },
});

const readEvents = (accountId: string) => (ids: string[]) =>
  getDb().auditEvent.findMany({ where: { accountId, id: { in: ids } } });

// Who did what to which record, and when: a page, newest first unless `dir` is "asc" (the
// index serves both directions).
export async function listAuditEvents(
  accountId: string,
  filters: AuditFilters,
  page: PageQuery & { dir?: "asc" | "desc" },
) {
  return readList(
    auditList,
    accountId,
    { ...page, ...auditConditions(filters), sort: "createdAt", dir: page.dir ?? "desc" },
    readEvents(accountId),
    toAuditEventJson,
  );
}

// Every matching event, newest first, a batch at a time, each batch read after the last
// one's cursor: an export of any size reads each event once and holds one batch in memory.
export async function* allAuditEvents(accountId: string, filters: AuditFilters, batchSize = 1000) {
  const conditions = auditConditions(filters);
  let after: Cursor | undefined;
  for (;;) {
    const page = await readIds(auditList, accountId, {
      ...conditions,
      sort: "createdAt",
      dir: "desc",
      page: 1,
      pageSize: batchSize,
      after,
      countTotal: false,
    });
    if (page.ids.length > 0) {
      const byId = new Map((await readEvents(accountId)(page.ids)).map((event) => [event.id, event]));
      yield page.ids.flatMap((id) => {
        const event = byId.get(id);
        return event ? [toAuditEventJson(event)] : [];
      });
    }
    if (!page.next) return;
    after = page.next;
  }
}

// The actions this account's log holds, for the filter: one index probe per distinct
// action (a "loose index scan" over account_id, action), not a read of every event.
export async function auditActions(accountId: string): Promise<string[]> {
  const rows = await getDb(accountId).$queryRaw<{ action: string }[]>`
    WITH RECURSIVE actions AS (
      (SELECT action FROM audit_events WHERE account_id = ${accountId}::uuid ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT e.action FROM audit_events e
              WHERE e.account_id = ${accountId}::uuid AND e.action > actions.action ORDER BY e.action LIMIT 1)
      FROM actions WHERE actions.action IS NOT NULL
    )
    SELECT action FROM actions WHERE action IS NOT NULL`;
  return rows.map((row) => row.action);
}
