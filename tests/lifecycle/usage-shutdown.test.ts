import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createKeyWithRole, newAccount, roleNamed } from "../helpers/account";
import { api } from "../helpers/portal";
import { startServer } from "../helpers/server";
import { inParallel, usageReaching } from "../helpers/usage";

// Usage counted in memory is written at shutdown: requests answered just before a
// SIGTERM are all there after a restart on the same embedded data directory.
const dataDir = mkdtempSync(path.join(tmpdir(), "wisp-usage-shutdown-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it("writes the last seconds' usage on SIGTERM", async () => {
  const first = await startServer(3351, { DATA_DIR: dataDir });
  let keyId: string;
  let ownerSecret: string;
  try {
    const account = await newAccount(first.url, "Usage at shutdown");
    ownerSecret = account.ownerKey.secret;
    const key = await createKeyWithRole(first.url, account.owner, (await roleNamed(account.owner, "Owner")).id);
    keyId = key.keyId;
    const statuses = await inParallel(200, 5, () => key.call("/api/v1/whoami"));
    expect(statuses.every((status) => status === 200)).toBe(true);
  } finally {
    // At once: well inside the 5 s between two flushes.
    await first.stop();
  }
  const second = await startServer(3351, { DATA_DIR: dataDir });
  try {
    await usageReaching(api(second.url, ownerSecret), `/api/v1/api-keys/${keyId}/usage?granularity=minute`, 200, 1000);
  } finally {
    await second.stop();
  }
});
