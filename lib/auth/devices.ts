import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { currentRequest } from "@/lib/http/request-context";
import { publicOrigin } from "@/lib/http/public-origin";
import { queueNewDeviceNotice } from "@/lib/notices/new-device";
import type { Tx } from "@/lib/records/kind";

// A device is a browser: on sign-in it gets a long-lived random cookie (32 bytes), and the
// login remembers that cookie's SHA-256 (known_devices). A sign-in whose cookie the login
// doesn't remember is from a new device, and its person is mailed — unless it is the
// login's first device (a sign-up, or the first sign-in since devices are remembered).
// The cookie is set again at each sign-in, so a browser in use is never forgotten; a device
// unused for DEVICE_DAYS is (its cookie has expired by then too).
export const DEVICE_COOKIE = "wisp-device";
const DEVICE_DAYS = 400; // the longest browsers keep a cookie
const DAY_MS = 86_400_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function presentedToken(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === DEVICE_COOKIE && TOKEN.test(value.join("="))) return value.join("=");
  }
  return null;
}

// The signing-in browser's device (its token's hash); a browser without a valid token gets
// a new one on the answer.
export async function deviceOfSignIn(headers: Headers): Promise<{ hash: string }> {
  const token = presentedToken(headers.get("cookie")) ?? randomBytes(32).toString("base64url");
  (await cookies()).set(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: publicOrigin(headers).startsWith("https://"),
    path: "/",
    maxAge: DEVICE_DAYS * 86_400,
  });
  return { hash: hashToken(token) };
}

// In the sign-in's transaction: remembers the device and queues the new-device notice.
// Returns whether a notice was queued.
export async function rememberDevice(
  tx: Tx,
  signIn: {
    identityId: string;
    hash: string;
    at: Date;
    member: { name: string; account: { id: string; name: string } };
  },
): Promise<boolean> {
  const { identityId, hash, at } = signIn;
  const { count } = await tx.knownDevice.createMany({
    data: [{ identityId, tokenHash: hash, createdAt: at, lastSeenAt: at }],
    skipDuplicates: true,
  });
  if (count === 0) {
    await tx.knownDevice.updateMany({ where: { identityId, tokenHash: hash }, data: { lastSeenAt: at } });
    return false;
  }
  const others = await tx.knownDevice.count({ where: { identityId, tokenHash: { not: hash } } });
  await tx.knownDevice.deleteMany({
    where: { identityId, lastSeenAt: { lt: new Date(at.getTime() - DEVICE_DAYS * DAY_MS) } },
  });
  if (others === 0) return false;
  const request = currentRequest();
  const { member } = signIn;
  return queueNewDeviceNotice(tx, {
    identityId,
    member: { name: member.name, accountId: member.account.id, accountName: member.account.name },
    at,
    userAgent: request?.userAgent ?? null,
    address: request?.clientAddress ?? null,
  });
}
