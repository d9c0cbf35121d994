import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { publicOrigin } from "@/lib/http/public-origin";
import { keyedHash } from "./sealed";

// Between the password and the second factor there is no session: only this token, in an
// HttpOnly cookie, signed with a key derived from the auth secret (an HMAC over the login,
// an expiry 5 minutes ahead and the password's version, so a password changed meanwhile
// voids it). It proves the password was right a moment ago, nothing more: with it, the
// second factor (braked per login) opens the session.
export const PENDING_COOKIE = "wisp-sign-in-pending";
export const PENDING_LIFETIME_MS = 5 * 60 * 1000;
const PURPOSE = "pending-sign-in";

type Claims = { i: string; e: number; v: number; n: string };

const versionOf = (passwordChangedAt: Date | null) => passwordChangedAt?.getTime() ?? 0;

export function pendingToken(identity: { id: string; passwordChangedAt: Date | null }): string {
  const claims: Claims = {
    i: identity.id,
    e: now().getTime() + PENDING_LIFETIME_MS,
    v: versionOf(identity.passwordChangedAt),
    n: randomBytes(8).toString("base64url"),
  };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${keyedHash(PURPOSE, body)}`;
}

// The login the token stands for, while it is valid; else null.
export async function pendingIdentity(token: string | undefined | null): Promise<string | null> {
  const [body, mac] = (token ?? "").split(".");
  if (!body || !mac) return null;
  const expected = keyedHash(PURPOSE, body);
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return null;
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Claims;
  } catch {
    return null;
  }
  if (typeof claims.i !== "string" || !/^[0-9a-f-]{36}$/.test(claims.i) || !(claims.e > now().getTime())) return null;
  const identity = await getDb().identity.findUnique({
    where: { id: claims.i },
    select: { id: true, passwordChangedAt: true },
  });
  return identity && versionOf(identity.passwordChangedAt) === claims.v ? identity.id : null;
}

export async function setPendingCookie(headers: Headers, token: string): Promise<void> {
  (await cookies()).set(PENDING_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: publicOrigin(headers).startsWith("https://"),
    path: "/",
    maxAge: PENDING_LIFETIME_MS / 1000,
  });
}

export async function readPendingCookie(): Promise<string | null> {
  return (await cookies()).get(PENDING_COOKIE)?.value ?? null;
}

export async function clearPendingCookie(): Promise<void> {
  (await cookies()).delete(PENDING_COOKIE);
}
