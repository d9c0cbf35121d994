import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3411 + Number(process.env.TEST_PORT_OFFSET ?? 0));
const baseURL = `http://127.0.0.1:${port}`;
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
  ],
  // A production server on a fresh embedded database, wiped before each run.
  webServer: {
    command: `rm -rf "${E2E_DATA_DIR}" && node node_modules/next/dist/bin/next start -p ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    // The test clock lets the lifecycle specs see keys expire without waiting.
    env: { DATA_DIR: E2E_DATA_DIR, NEXT_TELEMETRY_DISABLED: "1", WISP_TEST_CLOCK: "1" },
  },
});
