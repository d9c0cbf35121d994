import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret } from "./secret";

// Secrets the portal must read back (an identity provider's client secret, the state of a
// sign-in in progress) are sealed with AES-256-GCM under a key derived from the auth
// secret (HKDF-SHA-256, one key per purpose), so the database or a cookie holds only
// ciphertext. Changing AUTH_SECRET makes them unreadable: they must be entered again.
// Format: "v1." + base64url(12-byte IV | ciphertext | 16-byte tag).
export type SealPurpose = "sso-client-secret" | "sso-flow";

function keyFor(purpose: SealPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", getAuthSecret(), "wisp-secret-box", `wisp:${purpose}`, 32));
}

export function seal(purpose: SealPurpose, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

// The plaintext, or null for anything not sealed by this secret for this purpose.
export function unseal(purpose: SealPurpose, sealed: string): string | null {
  if (!sealed.startsWith("v1.")) return null;
  const raw = Buffer.from(sealed.slice(3), "base64url");
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
