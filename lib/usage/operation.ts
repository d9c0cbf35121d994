import { ENDPOINTS } from "@/lib/api/endpoints";
import { operationIdOf } from "@/lib/api/operation-id";

// Which OpenAPI operation a request is, so usage is counted by route and not by raw URL
// (a path with a record's id is still one operation). Literal segments win over
// parameters, as in Next's routing (POST /vouchers/batch is not POST /vouchers/{id}).
type Matcher = { segments: (string | null)[]; id: string; literals: number };

const globalForOperations = globalThis as unknown as { wispOperations?: Map<string, Matcher[]> };

function matchers(): Map<string, Matcher[]> {
  if (globalForOperations.wispOperations) return globalForOperations.wispOperations;
  const byMethod = new Map<string, Matcher[]>();
  for (const endpoint of ENDPOINTS) {
    const segments = endpoint.path.split("/").map((segment) => (segment.startsWith("{") ? null : segment));
    const list = byMethod.get(endpoint.method) ?? [];
    list.push({ segments, id: operationIdOf(endpoint), literals: segments.filter((s) => s !== null).length });
    byMethod.set(endpoint.method, list);
  }
  for (const list of byMethod.values()) list.sort((a, b) => b.literals - a.literals);
  globalForOperations.wispOperations = byMethod;
  return byMethod;
}

export const UNKNOWN_OPERATION = "other";

export function operationOf(method: string, pathname: string): string {
  const parts = pathname.replace(/\/+$/, "").split("/");
  const candidates = matchers().get(method === "HEAD" ? "GET" : method) ?? [];
  for (const matcher of candidates) {
    if (matcher.segments.length !== parts.length) continue;
    if (matcher.segments.every((segment, i) => segment === null || segment === parts[i])) return matcher.id;
  }
  return UNKNOWN_OPERATION;
}
