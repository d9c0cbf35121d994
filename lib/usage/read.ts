import { now } from "@/lib/clock";
import { usageQuerySchema } from "@/lib/validations/usage";
import { keyRowIdOf, readUsage } from "./query";
import { resolveRange } from "./range";
import type { Usage } from "@/lib/validations/usage";

// The usage endpoints and pages: query parameters parsed with zod (a 400 names the
// field), the range resolved on the server's clock, then read within the account.
export async function usageOfKey(accountId: string, keyId: string, query: unknown): Promise<Usage> {
  const range = resolveRange(usageQuerySchema.parse(query), now());
  return readUsage(accountId, { rowId: await keyRowIdOf(accountId, keyId), keyId }, range);
}

export async function usageOfAccount(accountId: string, query: unknown): Promise<Usage> {
  return readUsage(accountId, null, resolveRange(usageQuerySchema.parse(query), now()));
}
