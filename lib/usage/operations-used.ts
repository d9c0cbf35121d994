import { getDb } from "@/lib/db";

// The operations a key called since `since`, with how many requests, from the usage rows
// of every granularity. Requests refused as unauthenticated or forbidden (401, 403) used
// nothing; every other outcome (a 404 of a read, a 429) shows the key needs the operation.
// Raw SQL: the account filter is written here, and the query runs bound to the account
// (row-level security on PostgreSQL).
export async function operationsUsed(
  accountId: string,
  keyRowId: string,
  since: Date,
): Promise<{ operation: string; requests: number }[]> {
  return getDb(accountId).$queryRaw<{ operation: string; requests: number }[]>`
    SELECT operation, sum(count)::float8 AS requests FROM api_key_usage
    WHERE account_id = ${accountId}::uuid AND api_key_id = ${keyRowId}::uuid
      AND bucket_start >= ${since.toISOString()}::timestamp(3) AND outcome NOT IN ('401', '403')
    GROUP BY operation ORDER BY operation`;
}
