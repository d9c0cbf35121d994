import { getDb } from "@/lib/db";
import { Prisma, type ApiKeyRequest } from "@/lib/generated/prisma/client";
import { readIds, readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import type { PageQuery } from "@/lib/validations/common";
import type { Cursor } from "@/lib/validations/cursor";
import type { ApiKeyRequestJson, RequestLogFilters } from "@/lib/validations/request-log";
import { requestLogStart } from "./request-log";

// Newest first (the index on account_id, api_key_id, created_at, id; with a status filter,
// the one with status before created_at). At most 10,000 rows a key, so a search reads
// at most those.
export const requestLogList = defineList({
  table: "api_key_requests",
  search: ["operation", "client_address", "user_agent", "request_id"],
  sorts: { createdAt: [{ column: "created_at", type: "timestamptz(3)" }] },
});

export function toApiKeyRequestJson(row: ApiKeyRequest): ApiKeyRequestJson {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    operation: row.operation,
    status: row.status,
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
    latencyMs: row.latencyMs,
    requestId: row.requestId,
  };
}

function conditions(keyRowId: string, filters: RequestLogFilters): Prisma.Sql[] {
  const where = [
    Prisma.sql`api_key_id = ${keyRowId}::uuid`,
    Prisma.sql`created_at >= ${requestLogStart().toISOString()}::timestamptz(3)`,
  ];
  if (typeof filters.status === "number") where.push(Prisma.sql`status = ${filters.status}::int`);
  else if (filters.status) {
    const low = Number(filters.status[0]) * 100;
    where.push(Prisma.sql`status >= ${low}::int AND status < ${low + 100}::int`);
  }
  return where;
}

const readRows = (accountId: string) => (ids: string[]) =>
  getDb().apiKeyRequest.findMany({ where: { accountId, id: { in: ids } } });

// A page of one key's requests (keyRowId: its internal id, already found in this account).
export function listKeyRequests(accountId: string, keyRowId: string, filters: RequestLogFilters, page: PageQuery) {
  return readList(
    requestLogList,
    accountId,
    { ...page, q: filters.q || undefined, where: conditions(keyRowId, filters), sort: "createdAt", dir: "desc" },
    readRows(accountId),
    toApiKeyRequestJson,
  );
}

// Every matching request, newest first, a batch at a time after the last one's cursor:
// the CSV export holds one batch in memory.
export async function* allKeyRequests(
  accountId: string,
  keyRowId: string,
  filters: RequestLogFilters,
  batchSize = 1000,
): AsyncGenerator<ApiKeyRequestJson[]> {
  const where = conditions(keyRowId, filters);
  let after: Cursor | undefined;
  for (;;) {
    const page = await readIds(requestLogList, accountId, {
      where,
      q: filters.q || undefined,
      sort: "createdAt",
      dir: "desc",
      page: 1,
      pageSize: batchSize,
      after,
      countTotal: false,
    });
    if (page.ids.length > 0) {
      const byId = new Map((await readRows(accountId)(page.ids)).map((row) => [row.id, row]));
      yield page.ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toApiKeyRequestJson(row)] : [];
      });
    }
    if (!page.next) return;
    after = page.next;
  }
}
