import { ENDPOINTS } from "./endpoints";
import { operationIdOf } from "./operation-id";
import { processSingleton } from "@/lib/process-singleton";
import { remembered } from "@/lib/remembered";
import { levelForMethod, type Area, type Level } from "@/lib/permissions";

// Which OpenAPI operation a request is, so usage is counted by route and not by raw URL
// (a path with a record's id is still one operation). Literal segments win over
// parameters, as in Next's routing (POST /vouchers/batch is not POST /vouchers/{id}).
type Matcher = { segments: (string | null)[]; id: string; literals: number; path: string; keyed: boolean };

function matchers(): Map<string, Matcher[]> {
  return processSingleton("operations", buildMatchers);
}

function buildMatchers(): Map<string, Matcher[]> {
  const byMethod = new Map<string, Matcher[]>();
  for (const endpoint of ENDPOINTS) {
    const segments = endpoint.path.split("/").map((segment) => (segment.startsWith("{") ? null : segment));
    const list = byMethod.get(endpoint.method) ?? [];
    list.push({
      segments,
      id: operationIdOf(endpoint),
      literals: segments.filter((s) => s !== null).length,
      path: endpoint.path,
      keyed: !endpoint.public,
    });
    byMethod.set(endpoint.method, list);
  }
  for (const list of byMethod.values()) list.sort((a, b) => b.literals - a.literals);
  return byMethod;
}

export const UNKNOWN_OPERATION = "other";

function matches(matcher: Matcher, parts: string[]): boolean {
  return (
    matcher.segments.length === parts.length &&
    matcher.segments.every((segment, i) => segment === null || segment === parts[i])
  );
}

// Asked once per request: remembered by method and path.
const operationOfRequest = remembered((request: string): string => {
  const [method, pathname] = request.split(" ", 2);
  const parts = pathname.replace(/\/+$/, "").split("/");
  const candidates = matchers().get(method === "HEAD" ? "GET" : method) ?? [];
  return candidates.find((matcher) => matches(matcher, parts))?.id ?? UNKNOWN_OPERATION;
});

export function operationOf(method: string, pathname: string): string {
  return operationOfRequest(`${method} ${pathname}`);
}

// Whether Next routes `method pathname` (a canonical path) to a handler that checks a key
// first (lib/api/route.ts apiRoute): the route file is the best match over every method,
// as Next picks it, and that file must have this method, not public.
export function needsKey(method: string, pathname: string): boolean {
  return keyedRequest(`${method} ${pathname}`);
}

const keyedRequest = remembered((request: string): boolean => {
  const [method, pathname] = request.split(" ", 2);
  const parts = pathname.split("/");
  let best: Matcher | undefined;
  for (const list of matchers().values())
    for (const matcher of list)
      if (matches(matcher, parts) && (!best || matcher.literals > best.literals)) best = matcher;
  if (!best) return false;
  const path = best.path;
  return Boolean(
    matchers()
      .get(method)
      ?.some((matcher) => matcher.path === path && matcher.keyed),
  );
});

// The area and level an operation needs (null: any valid key, e.g. whoami), for reading
// what a key used from its usage rows, which name operations.
export function accessOfOperation(operation: string): { area: Area; level: Level } | null {
  return processSingleton("operationAccessMap", buildAccess).get(operation) ?? null;
}

function buildAccess(): Map<string, { area: Area; level: Level }> {
  const byOperation = new Map<string, { area: Area; level: Level }>();
  for (const endpoint of ENDPOINTS) {
    if (endpoint.area)
      byOperation.set(operationIdOf(endpoint), { area: endpoint.area, level: levelForMethod(endpoint.method) });
  }
  return byOperation;
}
