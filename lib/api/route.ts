import type { NextRequest } from "next/server";
import type { Actor } from "@/lib/actor";
import type { VerifiedKey } from "@/lib/api-keys/verify";
import type { Area } from "@/lib/permissions";
import { authenticate, authorize } from "./authenticate";
import { errorResponse } from "./responses";

type Context<P> = { request: NextRequest; key: VerifiedKey; actor: Actor; params: P };

// Wraps a /api/v1 handler: the key is verified and its role checked for `area`
// (null: any valid key) inside the handler itself, and every error becomes JSON.
export function apiRoute<P = Record<string, never>>(
  area: Area | null,
  handler: (ctx: Context<P>) => Promise<Response>,
) {
  return async (request: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const key = await authenticate(request);
      if (area) authorize(key, area, request.method);
      const actor: Actor = { accountId: key.account.id, ref: `api_key:${key.keyId}`, permissions: key.permissions };
      return await handler({ request, key, actor, params: await route.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
