import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret } from "./secret";

// Secrets the server must read back (a webhook's signing secret) are stored encrypted:
// AES-256-GCM with a key derived from the auth secret (HKDF, one key per purpose), so a
// copy of the database alone doesn't reveal them. Changing AUTH_SECRET makes them
// unreadable: such an endpoint needs its secret rolled.
const VERSION = "v1";

function keyFor(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", getAuthSecret(), "wisp-sealed", purpose, 32));
}

export function seal(purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function unseal(purpose: string, value: string): string {
  const [version, iv, tag, sealed] = value.split(".");
  if (version !== VERSION || !iv || !tag || !sealed) throw new Error("Not a sealed value.");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}
