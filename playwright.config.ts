import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3411 + Number(process.env.TEST_PORT_OFFSET ?? 0));
const baseURL = `http://127.0.0.1:${port}`;
// The same specs against a server on a fresh PostgreSQL database (see e2e/postgres-server.mts).
const postgresPort = port + 1;
const postgresURL = `http://127.0.0.1:${postgresPort}`;
// Specs of features that behave differently per database (cache coordination, transactions).
const POSTGRES_SPECS = /(api-keys|key-lifecycle)\.spec\.ts/;
// The test clock lets the lifecycle specs see keys expire without waiting.
const serverEnv = { NEXT_TELEMETRY_DISABLED: "1", WISP_TEST_CLOCK: "1" };
// Debian's Chromium where Playwright's own browser can't be downloaded (CI here).
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
export const E2E_DATA_DIR = path.join(tmpdir(), `wisp-e2e-${port}`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium
      ? {
          executablePath: chromium,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
          ],
        }
      : {},
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      testIgnore: /.*\.setup\.ts/,
      dependencies: ["setup"],
      use: { storageState: "e2e/.auth/owner.json" },
    },
    {
      name: "setup-postgres",
      testMatch: /.*\.setup\.ts/,
      use: { baseURL: postgresURL },
      metadata: { storageState: "e2e/.auth/owner-postgres.json" },
    },
    {
      name: "chromium-postgres",
      testMatch: POSTGRES_SPECS,
      dependencies: ["setup-postgres"],
      use: { baseURL: postgresURL, storageState: "e2e/.auth/owner-postgres.json" },
    },
  ],
  webServer: [
    // A production server on a fresh embedded database, wiped before each run.
    {
      command: `rm -rf "${E2E_DATA_DIR}" && node node_modules/next/dist/bin/next start -p ${port}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...serverEnv, DATA_DIR: E2E_DATA_DIR },
    },
    // The same on a database created on the test PostgreSQL server and dropped at the end.
    {
      command: `node --import tsx e2e/postgres-server.mts ${postgresPort}`,
      url: `${postgresURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: { ...serverEnv, DATA_DIR: `${E2E_DATA_DIR}-postgres` },
    },
  ],
});
