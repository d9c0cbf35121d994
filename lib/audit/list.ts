import { getDb } from "@/lib/db";
import type { AuditEvent } from "@/lib/generated/prisma/client";
import type { PageQuery } from "@/lib/validations/common";
import { auditWhere, type AuditEventJson, type AuditFilters } from "./query";

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

const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

// Newest first: who did what to which record, and when.
export async function listAuditEvents(accountId: string, filters: AuditFilters, page: PageQuery) {
  const where = auditWhere(accountId, filters);
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: NEWEST_FIRST,
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
    db.auditEvent.count({ where }),
  ]);
  return { items: rows.map(toAuditEventJson), total, page: page.page, pageSize: page.pageSize };
}

// Every matching event, newest first, a batch at a time (keyset pagination), so an
// export of any size never holds more than one batch in memory.
export async function* allAuditEvents(accountId: string, filters: AuditFilters, batchSize = 1000) {
  const where = auditWhere(accountId, filters);
  let cursor: string | undefined;
  for (;;) {
    const rows = await getDb().auditEvent.findMany({
      where,
      orderBy: NEWEST_FIRST,
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield rows.map(toAuditEventJson);
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1].id;
  }
}

// The actions this account's log holds, for the filter.
export async function auditActions(accountId: string): Promise<string[]> {
  const rows = await getDb().auditEvent.findMany({
    where: { accountId },
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((row) => row.action);
}
