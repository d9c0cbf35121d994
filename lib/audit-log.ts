import { z } from "zod";
import { getDb } from "@/lib/db";
import { isoDate, type PageQuery } from "@/lib/validations/common";

export const auditEventSchema = z.object({
  id: z.uuid(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  createdAt: isoDate,
});

// Newest first: who did what to which record, and when.
export async function listAuditEvents(accountId: string, page: PageQuery) {
  const where = { accountId };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
      select: { id: true, actor: true, action: true, target: true, createdAt: true },
    }),
    db.auditEvent.count({ where }),
  ]);
  return { items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })), total };
}
