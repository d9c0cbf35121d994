// The verification function alone, in-process on an embedded database: format and
// checksum, hash, and the whole check with and without the cache. Prints "name\tvalue".
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "wisp-micro-"));

const { getConnection } = await import("../lib/db/connection");
const { migrate } = await import("../lib/db/migrate");
const { createAccount } = await import("../lib/accounts/create-account");
const { listRoles } = await import("../lib/roles/queries");
const { createApiKey } = await import("../lib/api-keys/manage");
const { verifyApiKey } = await import("../lib/api-keys/verify");
const { keyCache } = await import("../lib/key-cache/cache");
const { hashSecret, isWellFormed, generateSecret } = await import("../lib/api-keys/format");
const { allPermissions } = await import("../lib/permissions");

await migrate(getConnection());
const { accountId, memberId } = await createAccount({
  accountName: "Micro",
  name: "M",
  email: "micro@example.com",
  password: "micro benchmark password",
});
const roles = await listRoles(accountId);
const actor = {
  kind: "member" as const,
  id: memberId,
  rowId: memberId,
  name: "M",
  email: "micro@example.com",
  accountId,
  accountName: "Micro",
  role: { id: roles[0].id, name: roles[0].name },
  permissions: allPermissions("FULL"),
};
const { secret } = await createApiKey(actor, { name: "micro", roleId: roles[0].id });
// The same key with an expiry and an IP allowlist: every lifecycle check on the cached path.
const { secret: guarded } = await createApiKey(actor, {
  name: "micro guarded",
  roleId: roles[0].id,
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  ipAllowlist: ["10.0.0.0/8", "192.0.2.0/24", "127.0.0.0/8"],
});
const CLIENT = "127.0.0.1";

async function opsPerSecond(run: () => unknown, minimumMs = 1500): Promise<number> {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < minimumMs) {
    for (let i = 0; i < 100; i++) await run();
    count += 100;
  }
  return Math.round((count * 1000) / (performance.now() - started));
}

const report = (name: string, value: number) => console.log(`${name}\t${value.toLocaleString("en")} ops/s`);
const wrong = generateSecret().slice(0, -1) + "0";

report("micro: format + checksum (isWellFormed)", await opsPerSecond(() => isWellFormed(secret)));
report("micro: SHA-256 of a secret", await opsPerSecond(() => hashSecret(secret)));
report("micro: verify, bad checksum (no query)", await opsPerSecond(() => verifyApiKey(wrong, CLIENT)));
keyCache.setUsable(() => true);
report("micro: verify, cached", await opsPerSecond(() => verifyApiKey(secret, CLIENT)));
report(
  "micro: verify, cached, with expiry and a 3-range IP allowlist",
  await opsPerSecond(() => verifyApiKey(guarded, CLIENT)),
);
keyCache.setUsable(() => false);
report("micro: verify, uncached (PGlite lookup)", await opsPerSecond(() => verifyApiKey(secret, CLIENT)));
// What a request with a valid key adds: its count in memory, and a rate limit's check (memory store).
const { admitKeyRequest } = await import("../lib/rate-limit/admit-key");
const { countRequest } = await import("../lib/usage/counter");
const use = { apiKeyId: actor.id, accountId, operation: "getWhoami", status: 200, latencyMs: 1 };
report("micro: count a request's usage (in memory)", await opsPerSecond(() => countRequest(use)));
const limits = { perSecond: 100_000, perMinute: 6_000_000, quota: null };
report("micro: rate limit check, two windows (memory)", await opsPerSecond(() => admitKeyRequest(actor.id, limits)));
process.exit(0);
