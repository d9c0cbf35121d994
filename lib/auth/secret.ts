import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, usesPostgresServer } from "@/lib/config";
import { getUnscopedDb } from "@/lib/db";
import { processSingleton } from "@/lib/process-singleton";

// AUTH_SECRET from the environment, or one generated once and kept, so that sessions
// survive restarts: on the embedded database in the data directory (one process serves
// it); on a PostgreSQL server in the database (shared_secrets), so that every instance,
// on whatever host, signs and accepts the same cookies. It is never committed or logged.
const SECRET_NAME = "auth";
const loaded = processSingleton("authSecret", () => ({ value: "" }));

export function getAuthSecret(): string {
  if (config.authSecret) return config.authSecret;
  if (!usesPostgresServer()) return fileSecret();
  // Loaded at start (lib/server/lifecycle.ts), before any request is served.
  if (!loaded.value) throw new Error("The shared auth secret has not been loaded from the database yet.");
  return loaded.value;
}

// At start, after the migrations: the database's secret, stored by the first instance to
// get here (INSERT … ON CONFLICT DO NOTHING: of several starting at once, one wins and
// every other reads it). That first one offers the secret its data directory already had,
// so an instance moving to this scheme keeps its sessions.
export async function loadSharedAuthSecret(): Promise<void> {
  if (config.authSecret || !usesPostgresServer()) return;
  const db = getUnscopedDb();
  const offered = existingFileSecret() ?? newSecret();
  await db.$executeRaw`
    INSERT INTO shared_secrets (name, value) VALUES (${SECRET_NAME}, ${offered}) ON CONFLICT (name) DO NOTHING`;
  const stored = await db.sharedSecret.findUniqueOrThrow({ where: { name: SECRET_NAME }, select: { value: true } });
  loaded.value = stored.value;
}

const secretFile = () => path.join(config.dataDir, "auth-secret");
const newSecret = () => randomBytes(32).toString("base64url");

function existingFileSecret(): string | null {
  try {
    return readFileSync(secretFile(), "utf8").trim() || null;
  } catch {
    return null;
  }
}

function fileSecret(): string {
  const existing = existingFileSecret();
  if (existing) return existing;
  mkdirSync(config.dataDir, { recursive: true });
  const secret = newSecret();
  // "wx": if another process wrote it first, read theirs instead.
  try {
    writeFileSync(secretFile(), secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return readFileSync(secretFile(), "utf8").trim();
  }
}
