import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, type Project } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3411 + Number(process.env.TEST_PORT_OFFSET ?? 0));
const baseURL = `http://127.0.0.1:${port}`;
// Debian's Chromium where Playwright's own browser can't be downloaded (CI here).
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
export const E2E_DATA_DIR = path.join(tmpdir(), `wisp-e2e-${port}`);

// Every spec runs twice: on a laptop screen and on a phone. Each size signs up its own
// account (e2e/owner.setup.ts), so the two runs never see each other's data.
const sizes = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} satisfies Record<string, Project["use"]>;

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
  projects: Object.entries(sizes).flatMap(([name, use]) => [
    { name: `setup-${name}`, testMatch: /.*\.setup\.ts/, use },
    {
      name,
      testIgnore: /.*\.setup\.ts/,
      dependencies: [`setup-${name}`],
      use: { ...use, storageState: `e2e/.auth/${name}.json` },
    },
  ]),
  // A production server on a fresh embedded database, wiped before each run.
  webServer: {
    command: `rm -rf "${E2E_DATA_DIR}" && node scripts/serve.mjs`,
    url: `${baseURL}/api/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    // The test clock lets the usage spec spread requests over past hours (POST /api/test/clock).
    env: { DATA_DIR: E2E_DATA_DIR, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", WISP_TEST_CLOCK: "1" },
  },
});
