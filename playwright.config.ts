import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, type Project } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3391 + Number(process.env.TEST_PORT_OFFSET ?? 0));
// The same specs against a server on a fresh PostgreSQL database (see e2e/postgres-server.mts).
const postgresPort = port + 1;
const postgresURL = `http://127.0.0.1:${postgresPort}`;
// Specs of features that behave differently per database (cache coordination, transactions).
const POSTGRES_SPECS = /(api-keys|key-lifecycle)\.spec\.ts/;
// The servers mail through a real SMTP server (e2e/smtp-server.mts), which saves what
// arrives in this folder; specs follow the links in it (e2e/mail.ts).
const smtpPort = port + 3;
const smtpUser = "wisp-e2e";
const smtpPassword = "e2e-only-loopback-password";
process.env.E2E_MAIL_DIR ??= path.join(tmpdir(), `wisp-e2e-mail-${port}`);
const mailDir = process.env.E2E_MAIL_DIR;
// Single sign-on signs in through a real OpenID provider (e2e/oidc-provider.mts) on
// loopback, which the servers may call with SSO_ALLOW_PRIVATE_NETWORKS=1.
const oidcPort = port + 5;
const oidcClient = { id: "wisp-e2e", secret: "e2e-only-loopback-oidc-secret" };
process.env.E2E_OIDC_ISSUER = `http://127.0.0.1:${oidcPort}`;
process.env.E2E_OIDC_CLIENT_ID = oidcClient.id;
process.env.E2E_OIDC_CLIENT_SECRET = oidcClient.secret;
// The test clock lets the lifecycle specs see keys expire without waiting. Each server's
// APP_URL is its own address, as in production (mailed reset links are built from it).
const serverEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  WISP_TEST_CLOCK: "1",
  // Each size's shared session lives through the whole run (over 10 minutes): dangerous
  // changes ask for a fresh proof after an hour here, and e2e/two-factor.spec.ts moves the
  // clock past it.
  STEP_UP_WINDOW: "3600",
  // The specs sign up a dozen accounts from one browser on loopback.
  SIGN_UPS_PER_ADDRESS_PER_HOUR: "1000",
  SMTP_URL: `smtp://${smtpUser}:${smtpPassword}@127.0.0.1:${smtpPort}`,
  // The SSO spec's identity provider and the webhooks spec's receiver listen on loopback.
  SSO_ALLOW_PRIVATE_NETWORKS: "1",
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: "1",
};
// Debian's Chromium where Playwright's own browser can't be downloaded (CI here).
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const dataDir = (serverPort: number) => path.join(tmpdir(), `wisp-e2e-${serverPort}`);

// Every spec runs twice: on a laptop screen and on a phone. Each size signs up its own
// account (e2e/owner.setup.ts) on a server of its own (its own test clock, which specs
// move days ahead), so the two sizes never see each other's data.
const sizes = {
  desktop: { port, use: { viewport: { width: 1280, height: 800 } } },
  phone: { port: port + 2, use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
} satisfies Record<string, { port: number; use: Project["use"] }>;
const desktop = sizes.desktop.use;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // One worker per project (the specs of one size share an account and a server, one at a
  // time); two projects at once: the whole run takes about a fifth less on 2 cores
  // (bench/results/README.md).
  workers: 2,
  retries: 0,
  // Waits, not time limits: on a busy 2-core machine a sign-up (a password hash, a new
  // account) can take longer than Playwright's default 5 s to land on its next page.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    // A failed test keeps its trace (every action with the page's DOM) and a screenshot; the
    // trace's film strip of screenshots is left out: it cost a fifth of the browser's CPU.
    trace: { mode: "retain-on-failure", screenshots: false },
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
    ...Object.entries(sizes).flatMap(([name, { port: sizePort, use }]) => [
      {
        name: `setup-${name}`,
        testMatch: /.*\.setup\.ts/,
        workers: 1,
        use: { ...use, baseURL: `http://127.0.0.1:${sizePort}` },
      },
      {
        name,
        testIgnore: /.*\.setup\.ts/,
        dependencies: [`setup-${name}`],
        workers: 1,
        use: { ...use, baseURL: `http://127.0.0.1:${sizePort}`, storageState: `e2e/.auth/${name}.json` },
      },
    ]),
    // The specs whose features behave differently per database, once more at laptop size
    // against a server on PostgreSQL, with an account of its own.
    {
      name: "setup-postgres",
      testMatch: /.*\.setup\.ts/,
      workers: 1,
      use: { ...desktop, baseURL: postgresURL },
    },
    {
      name: "postgres",
      testMatch: POSTGRES_SPECS,
      dependencies: ["setup-postgres"],
      workers: 1,
      use: { ...desktop, baseURL: postgresURL, storageState: "e2e/.auth/postgres.json" },
    },
  ],
  webServer: [
    // The mail server first, its folder emptied before each run.
    {
      command: `rm -rf "${mailDir}" && node --import tsx e2e/smtp-server.mts ${smtpPort} "${mailDir}" ${smtpUser} ${smtpPassword}`,
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node --import tsx e2e/oidc-provider.mts ${oidcPort} ${oidcClient.id} ${oidcClient.secret} ${[port, port + 1, port + 2].map((callbackPort) => `http://127.0.0.1:${callbackPort}/sign-in/sso/callback`).join(" ")}`,
      port: oidcPort,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // For each size, a production server on a fresh embedded database, wiped before each run.
    ...Object.values(sizes).map(({ port: sizePort }) => ({
      command: `rm -rf "${dataDir(sizePort)}" && node scripts/serve.mjs`,
      url: `http://127.0.0.1:${sizePort}/api/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
      // APP_URL: the links in mail point at the origin the browser uses.
      env: {
        ...serverEnv,
        DATA_DIR: dataDir(sizePort),
        PORT: String(sizePort),
        APP_URL: `http://127.0.0.1:${sizePort}`,
        PASSKEY_ORIGIN: `http://localhost:${sizePort}`,
      },
    })),
    // The same on a database created on the test PostgreSQL server and dropped at the end.
    {
      command: `node --import tsx e2e/postgres-server.mts ${postgresPort}`,
      url: `${postgresURL}/api/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: { ...serverEnv, DATA_DIR: `${dataDir(port)}-postgres`, PORT: String(postgresPort), APP_URL: postgresURL },
    },
  ],
});
