import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret } from "./secret";

// Secrets the portal must read back (an authenticator app's TOTP seed) are encrypted with
// AES-256-GCM under a key derived from the auth secret for one purpose (HKDF-SHA-256), so a
// copy of the database alone doesn't reveal them. Codes only ever compared (recovery codes,
// pending sign-ins) are keyed hashes under such a key. Changing AUTH_SECRET makes both
// unreadable: the logins then sign in with their password and set up two-factor again.
const VERSION = "v1";

export function derivedKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", getAuthSecret(), "wisp-portal", `wisp:${purpose}`, 32));
}

export function seal(purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

// The plaintext, or null when the value was sealed under another secret (or altered).
export function unseal(purpose: string, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey(purpose), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export function keyedHash(purpose: string, value: string): string {
  return createHmac("sha256", derivedKey(purpose)).update(value).digest("base64url");
}
