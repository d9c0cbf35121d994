import "server-only";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { describeWait } from "./failures";
import type { KeyLimits } from "@/lib/key-limits";
import { takeFromWindow, type WindowResult } from "./per-key";
import { takeFromQuota, type QuotaState } from "./quota";

// `quota`: the key's quota after this request (null: the key has none, or it wasn't reached).
export type Admission = { headers: Record<string, string>; refusal: AppError | null; quota: QuotaState | null };

// Checks a key's own rate limits, then its quota, for one request. The answer carries the
// IETF draft's RateLimit-Limit, -Remaining and -Reset (of the limit nearest to refusing)
// and RateLimit-Policy; a refusal is a 429 with Retry-After. If the counter store fails,
// the request is let through rather than every request of the key stopped.
export async function admitKeyRequest(keyRowId: string, limits: KeyLimits): Promise<Admission> {
  const at = now();
  try {
    // One window after the other: on the request path, without a promise per window set up
    // in between (in memory and from a lease, each answers at once).
    const windows: WindowResult[] = [];
    if (limits.perSecond) windows.push(await takeFromWindow(keyRowId, limits.perSecond, 1, at.getTime()));
    if (limits.perMinute) windows.push(await takeFromWindow(keyRowId, limits.perMinute, 60, at.getTime()));
    const headers = windows.length > 0 ? rateHeaders(windows) : {};
    const refused = windows.filter((window) => !window.admitted);
    if (refused.length > 0) {
      const waitMs = Math.max(...refused.map((window) => window.retryAfterMs));
      const limit = refused.map((window) => `${window.limit} per ${window.windowSeconds === 1 ? "second" : "minute"}`);
      return {
        headers,
        refusal: tooMany(`This key's rate limit (${limit.join(", ")}) is reached`, waitMs),
        quota: null,
      };
    }
    if (!limits.quota) return { headers, refusal: null, quota: null };
    const quota = await takeFromQuota(keyRowId, limits.quota, at);
    if (quota.admitted) return { headers, refusal: null, quota };
    const waitMs = quota.resetsAt.getTime() - at.getTime();
    return {
      headers,
      refusal: tooMany(`This key's quota of ${quota.limit} requests per ${quota.period} is used up`, waitMs, {
        quota: { limit: quota.limit, period: quota.period, remaining: 0, resetsAt: quota.resetsAt.toISOString() },
      }),
      quota,
    };
  } catch (error) {
    console.error("key limits unavailable:", error instanceof Error ? error.name : "unknown error");
    return { headers: {}, refusal: null, quota: null };
  }
}

function rateHeaders(windows: WindowResult[]): Record<string, string> {
  const nearest = windows.reduce((a, b) => (b.remaining / b.limit < a.remaining / a.limit ? b : a));
  return {
    "RateLimit-Limit": String(nearest.limit),
    "RateLimit-Remaining": String(nearest.remaining),
    "RateLimit-Reset": String(nearest.resetSeconds),
    "RateLimit-Policy": windows.map((window) => `${window.limit};w=${window.windowSeconds}`).join(", "),
  };
}

function tooMany(reason: string, waitMs: number, details: Record<string, unknown> = {}): AppError {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("too_many_requests", `${reason}. Try again in ${describeWait(waitMs)}.`, {
    retryAfter,
    ...details,
  });
}
