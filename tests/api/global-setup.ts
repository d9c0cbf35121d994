import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../helpers/postgres";
import { startServer, testPort } from "../helpers/server";
import { startTestSmtp } from "../helpers/smtp";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    database: "pglite" | "postgres";
    // The PostgreSQL test database's URL ("" on the embedded database, which only the server may open).
    databaseUrl: string;
    // Where the tests write every secret and one-time password the server handed out.
    secretsFile: string;
    // Where the security suite writes its counts for the summary table.
    reportFile: string;
    // Where the test SMTP server the server sends to saves each message it receives (.eml).
    mailDir: string;
    // How many requests the server keeps in each key's request log (REQUEST_LOG_PER_KEY).
    requestLogPerKey: number;
  }
}

// 10,000 by default: tests/api/request-log.test.ts fills a key's log in a second, not a minute.
const REQUEST_LOG_PER_KEY = 300;
const PORTS: Record<string, number> = { api: 3311, "api-postgres": 3312, security: 3315, "security-postgres": 3316 };

// One production server (next start) per project: "…-postgres" projects on a fresh
// database of a real PostgreSQL server (dropped afterwards), the others on a fresh
// embedded database. On teardown the server's whole log is searched for every secret the
// tests were given: none may appear.
// The server sends its mail to a real SMTP server started here, with a password that must
// never appear in the log either.
export default async function setup(project: TestProject) {
  const onPostgres = project.name.endsWith("-postgres");
  const database = onPostgres ? await createTestDatabase() : null;
  const scratch = mkdtempSync(path.join(tmpdir(), `wisp-${project.name}-`));
  const mailDir = path.join(scratch, "mail");
  const smtpPassword = randomBytes(12).toString("base64url");
  const smtp = await startTestSmtp({ user: "wisp", password: smtpPassword, dir: mailDir });
  // The test clock (POST /api/test/clock) and X-Forwarded-For from the tests themselves
  // (a trusted proxy on loopback), so tests can speak from several client addresses.
  const env = {
    WISP_TEST_CLOCK: "1",
    TRUSTED_PROXIES: "127.0.0.1,::1",
    // The single sign-on tests run their OpenID provider on loopback (tests/api/sso.test.ts).
    SSO_ALLOW_PRIVATE_NETWORKS: "1",
    // The security suite refuses keys by the thousand on purpose, from one address.
    ...(project.name.startsWith("security") ? { API_KEY_FAILURES_PER_MINUTE: "1000000" } : {}),
    // The API suite signs up hundreds of accounts from loopback; the security suite keeps the
    // default, which tests/security/sign-up-throttle.test.ts tries.
    ...(project.name.startsWith("api") ? { SIGN_UPS_PER_ADDRESS_PER_HOUR: "100000" } : {}),
    REQUEST_LOG_PER_KEY: String(REQUEST_LOG_PER_KEY),
    ...(database ? database.serverEnv : {}),
    // Its public origin, as in production: links anyone may have mailed are built from it alone.
    APP_URL: `http://127.0.0.1:${testPort(PORTS[project.name])}`,
    SMTP_URL: smtp.url,
    // Webhooks to the tests' own receivers on loopback (tests/api/webhooks-ssrf.test.ts
    // checks a server without it).
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: "1",
    MAIL_FROM: "Wisp Portal <portal@example.test>",
  };
  const server = await startServer(PORTS[project.name], env).catch(async (error) => {
    await database?.drop();
    await smtp.stop();
    throw error;
  });
  const secretsFile = path.join(scratch, "secrets.txt");
  const reportFile = path.join(scratch, "report.jsonl");
  project.provide("baseUrl", server.url);
  project.provide("database", onPostgres ? "postgres" : "pglite");
  project.provide("databaseUrl", database?.url ?? "");
  project.provide("secretsFile", secretsFile);
  project.provide("reportFile", reportFile);
  project.provide("mailDir", mailDir);
  project.provide("requestLogPerKey", REQUEST_LOG_PER_KEY);
  return async () => {
    await server.stop();
    await database?.drop();
    await smtp.stop();
    const log = server.output();
    const secrets = [...new Set([smtpPassword, ...read(secretsFile).split("\n").filter(Boolean)])];
    const leaked = secrets.filter((secret) => log.includes(secret));
    printReport(project.name, read(reportFile), {
      secrets: secrets.length,
      leaked: leaked.length,
      logBytes: log.length,
    });
    rmSync(scratch, { recursive: true, force: true });
    if (leaked.length > 0) throw new Error(`${leaked.length} secrets issued to the tests appear in the server log`);
  };
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

type Row = { check: string; runs: number; failures: number };

function printReport(project: string, lines: string, logs: { secrets: number; leaked: number; logBytes: number }) {
  const totals = new Map<string, Row>();
  for (const line of lines.split("\n").filter(Boolean)) {
    const row = JSON.parse(line) as Row;
    const total = totals.get(row.check) ?? { check: row.check, runs: 0, failures: 0 };
    total.runs += row.runs;
    total.failures += row.failures;
    totals.set(row.check, total);
  }
  totals.set("secrets in the server log", {
    check: `secrets in the server log (${logs.secrets} secrets, ${Math.round(logs.logBytes / 1024)} KiB of log)`,
    runs: logs.secrets,
    failures: logs.leaked,
  });
  const rows = [...totals.values()];
  const width = Math.max(...rows.map((row) => row.check.length));
  console.log(`\nsecurity checks, ${project}:`);
  console.log(`  ${"check".padEnd(width)}  ${"runs".padStart(7)}  failures`);
  for (const row of rows) {
    console.log(`  ${row.check.padEnd(width)}  ${String(row.runs).padStart(7)}  ${row.failures}`);
  }
}
