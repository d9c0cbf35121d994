import type { NextRequest } from "next/server";
import type { Actor } from "@/lib/actor";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import type { Area } from "@/lib/permissions";
import { assertNoControlCharacters } from "@/lib/validations/text";
import { meterKeyRequest, type Meter } from "./meter";
import { authenticate, authorize } from "./authenticate";
import { errorResponse } from "./responses";

type Context<P> = { request: NextRequest; actor: Actor; params: P };

// Wraps a /api/v1 handler: the key is verified and its role checked for `area`
// (null: any valid key) inside the handler itself, and every error becomes JSON.
// Every answer carries the request's id in X-Request-Id, the id its audit events name.
// Every request with a valid key passes the key's own limits and is counted (lib/usage/).
export function apiRoute<P = Record<string, never>>(
  area: Area | null,
  handler: (ctx: Context<P>) => Promise<Response>,
) {
  return async (request: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    const startedAt = performance.now();
    const meta = requestMetaFrom(request.headers);
    const metered: { meter?: Meter } = {};
    const response = await runWithRequest(meta, async () => {
      try {
        const actor = await authenticate(request);
        metered.meter = await meterKeyRequest(actor, request, startedAt);
        if (metered.meter.refusal) throw metered.meter.refusal;
        if (area) authorize(actor, area, request.method);
        const query = request.nextUrl.searchParams;
        if (query.size > 0) assertNoControlCharacters(Object.fromEntries(query));
        return await handler({ request, actor, params: await route.params });
      } catch (error) {
        return errorResponse(error);
      }
    });
    metered.meter?.finish(response);
    response.headers.set("X-Request-Id", meta.requestId);
    return response;
  };
}

// A /api/v1 handler that needs no key (a leak report: holding a secret is the proof).
// The same request id, audit context and JSON errors as apiRoute.
export function publicRoute(handler: (request: NextRequest) => Promise<Response>) {
  return async (request: NextRequest): Promise<Response> => {
    const meta = requestMetaFrom(request.headers);
    const response = await runWithRequest(meta, async () => {
      try {
        return await handler(request);
      } catch (error) {
        return errorResponse(error);
      }
    });
    response.headers.set("X-Request-Id", meta.requestId);
    return response;
  };
}
