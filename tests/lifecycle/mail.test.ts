import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invite, newAccount, roleNamed, unique } from "../helpers/account";
import { MINUTE, serverNow, setClockTo, setServerClock } from "../helpers/clock";
import { spawnServer, waitUntilReady, type ServerProcess } from "../helpers/server";
import { waitForMail } from "../helpers/mailbox";
import { startTestSmtp, type TestSmtp } from "../helpers/smtp";

// A committed mail survives the server: kill -9 while its mail server refuses it, start
// again, and it arrives, once. A mail server that is down holds nothing else up: the
// portal answers meanwhile, and the mail arrives once the server is back.
let smtp: TestSmtp;
let dataDir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  smtp = await startTestSmtp({ user: "wisp", password: "lifecycle-smtp-password" });
  dataDir = mkdtempSync(path.join(tmpdir(), "wisp-mail-lifecycle-"));
});

afterAll(async () => {
  for (const server of servers) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  await smtp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function start(): ServerProcess {
  const server = spawnServer(3371, { DATA_DIR: dataDir, SMTP_URL: smtp.url, WISP_TEST_CLOCK: "1" });
  servers.push(server);
  return server;
}

const waitForOutput = (server: ServerProcess, pattern: RegExp) =>
  expect.poll(() => server.output(), { timeout: 30_000, interval: 50 }).toMatch(pattern);

describe("a queued mail", () => {
  it("is delivered once after kill -9 and a restart, with its Message-ID", async () => {
    const first = start();
    await waitUntilReady(first, 150_000);
    // Signing up confirms the new login's email from its mail: the mail server takes that one.
    const inviter = await newAccount(first.url);
    const readOnly = await roleNamed(inviter.owner, "Read Only");
    smtp.accept = false;
    const email = `${unique("survivor")}@example.com`;
    await invite(inviter.owner, readOnly.id, email);
    // Committed, tried, refused for now (451), scheduled again: then the process dies.
    await waitForOutput(first, /outbox: mail\/invitation message [0-9a-f-]{36} will be retried: .*451/);
    first.child.kill("SIGKILL");
    await first.exited;
    expect(smtp.received.filter((mail) => mail.to.includes(email))).toEqual([]);

    smtp.accept = true;
    const second = start();
    await waitUntilReady(second, 150_000);
    // The retry is due a minute or so later: move the new process's clock past it.
    await setServerClock(second.url, 2 * MINUTE);
    const mail = await waitForMail(
      () => smtp.received,
      (received) => received.to.includes(email),
      30_000,
    );
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
    // A later mail arrives after it, and the first is still there once.
    const later = `${unique("later")}@example.com`;
    await invite(inviter.owner, readOnly.id, later);
    await waitForMail(
      () => smtp.received,
      (received) => received.to.includes(later),
    );
    expect(smtp.received.filter((received) => received.messageId === mail.messageId)).toHaveLength(1);
  }, 420_000);

  it("waits out a mail server that is down, while the portal answers every request", async () => {
    const alive = servers.filter((server) => server.child.exitCode === null && server.child.signalCode === null);
    const server = alive.at(-1) ?? start();
    await waitUntilReady(server, 150_000);
    const inviter = await newAccount(server.url);
    const readOnly = await roleNamed(inviter.owner, "Read Only");

    // The mail server goes away (connections refused), for what the test clock calls a minute.
    const { port } = smtp;
    await smtp.stop();
    const emails = [1, 2, 3].map(() => `${unique("outage")}@example.com`);
    for (const email of emails) await invite(inviter.owner, readOnly.id, email);
    for (const path of ["/api/v1/team", "/api/v1/api-keys", "/api/v1/roles"])
      expect((await inviter.owner(path)).status, path).toBe(200);
    await waitForOutput(server, new RegExp(`outbox: mail/invitation message .* will be retried: .*ECONNREFUSED`));

    smtp = await startTestSmtp({ user: "wisp", password: "lifecycle-smtp-password", port });
    await setClockTo(new Date((await serverNow(server.url)).getTime() + 2 * MINUTE), server.url);
    for (const email of emails)
      await waitForMail(
        () => smtp.received,
        (received) => received.to.includes(email),
        30_000,
      );
    const ids = smtp.received
      .filter((mail) => emails.some((email) => mail.to.includes(email)))
      .map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(emails.length);
    expect(ids).toHaveLength(emails.length);
  }, 300_000);
});
