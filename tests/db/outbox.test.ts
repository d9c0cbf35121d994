import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { now, setTestClockOffset } from "@/lib/clock";
import { migrate } from "@/lib/db/migrate";
import { openPGlite } from "@/lib/db/pglite";
import { tenantGuard, UnscopedQueryError } from "@/lib/db/tenant-guard";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { JITTER, MAX_ATTEMPTS, RETRY_DELAYS_MS } from "@/lib/outbox/backoff";
import { claimDue, deliverDue, LEASE_MS, PermanentDeliveryError, type ClaimedMessage } from "@/lib/outbox/engine";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { header, readable, startTestSmtp, type TestSmtp } from "../helpers/smtp";

// The outbox engine on both databases, with the test clock (no waiting for backoff) and a
// real SMTP server: writes commit with their change, retries back off, two senders never
// send one message twice, and a send whose mark was lost is sent again as the same message.
// The test clock is read from the settings, parsed when lib/config is first imported.
vi.hoisted(() => {
  process.env.WISP_TEST_CLOCK = "1";
});

type Database = { name: string; db: PrismaClient; second: PrismaClient; close: () => Promise<void> };
const databases: Database[] = [];
let postgres: TestDatabase;
let smtp: TestSmtp;
let dataDir: string;
const ACCOUNT = "33333333-3333-4333-8333-333333333333";

beforeAll(async () => {
  postgres = await createTestDatabase();
  smtp = await startTestSmtp({ user: "wisp", password: "smtp-test-password" });
  dataDir = mkdtempSync(path.join(tmpdir(), "wisp-outbox-"));
  const pglite = openPGlite();
  await migrate({ kind: "pglite", pglite });
  // Two pools: two senders on PostgreSQL are two sets of connections, as two instances are.
  const pools = [0, 1].map(() => new Pool({ connectionString: postgres.url, max: 3 }));
  await migrate({ kind: "pg", pool: pools[0], url: postgres.url });
  databases.push({
    name: "embedded",
    db: new PrismaClient({ adapter: new PrismaPGlite(pglite) }),
    second: new PrismaClient({ adapter: new PrismaPGlite(pglite) }),
    close: () => pglite.close(),
  });
  databases.push({
    name: "PostgreSQL",
    db: new PrismaClient({ adapter: new PrismaPg(pools[0]) }),
    second: new PrismaClient({ adapter: new PrismaPg(pools[1]) }),
    close: async () => {
      await Promise.all(pools.map((pool) => pool.end()));
    },
  });
  for (const { db } of databases) await db.account.create({ data: { id: ACCOUNT, name: "Outbox Org" } });
});

afterEach(async () => {
  setTestClockOffset(0);
  // Each test starts with an empty outbox.
  for (const { db } of databases) await db.$executeRaw`DELETE FROM outbox_messages`;
});

afterAll(async () => {
  for (const { db, second } of databases) await Promise.all([db.$disconnect(), second.$disconnect()]);
  for (const database of databases) await database.close();
  await postgres?.drop();
  await smtp?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

let counter = 0;
const mail = (to = `person${++counter}@example.com`) => ({
  to,
  subject: `Hello ${counter}`,
  text: "See https://portal.example.com/x\n",
  html: '<p><a href="https://portal.example.com/x">x</a></p>',
  links: ["https://portal.example.com/x"],
});

function enqueueMail(db: PrismaClient, accountId: string | null = ACCOUNT) {
  return db.$transaction((tx) => {
    const payload = mail();
    return enqueueMessage(tx, {
      accountId,
      channel: "mail",
      kind: "test",
      recipient: payload.to,
      subject: payload.subject,
      payload,
    });
  });
}

const row = (db: PrismaClient, id: string) => db.outboxMessage.findUniqueOrThrow({ where: { id } });
const advanceTo = (at: Date) => setTestClockOffset(at.getTime() - Date.now() + 1);

describe("the outbox", () => {
  it("holds a message only if the change that wrote it commits", async () => {
    for (const { name, db } of databases) {
      await expect(
        db.$transaction(async (tx) => {
          await enqueueMessage(tx, {
            accountId: ACCOUNT,
            channel: "mail",
            kind: "test",
            recipient: "a@example.com",
            subject: "Rolled back",
            payload: mail("a@example.com"),
          });
          throw new Error("the change failed");
        }),
        name,
      ).rejects.toThrow("the change failed");
      expect(await db.outboxMessage.count({ where: { subject: "Rolled back" } }), name).toBe(0);
      const { id } = await enqueueMail(db);
      expect(await row(db, id), name).toMatchObject({ status: "pending", attempts: 0, accountId: ACCOUNT });
    }
  });

  it("is guarded by account like every account-owned model; a message of no account says so", async () => {
    for (const { name, db } of databases) {
      const guarded = db.$extends(tenantGuard) as unknown as PrismaClient;
      await expect(guarded.outboxMessage.findMany({ where: { kind: "test" } }), name).rejects.toThrow(
        UnscopedQueryError,
      );
      await enqueueMail(guarded, null);
      expect(await guarded.outboxMessage.count({ where: { accountId: null } }), name).toBe(1);
      expect(await guarded.outboxMessage.count({ where: { accountId: ACCOUNT } }), name).toBe(0);
    }
  });

  it("retries a failing message with backoff and jitter on the test clock, then marks it failed", async () => {
    for (const { name, db } of databases) {
      const { id } = await enqueueMail(db);
      const attemptsAt: Date[] = [];
      const failing = async () => {
        attemptsAt.push(now());
        throw new Error("450 mailbox busy");
      };
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await deliverDue(db, "sender", failing), `${name} try ${attempt}`).toMatchObject({ claimed: 1 });
        const after = await row(db, id);
        expect(after.attempts).toBe(attempt);
        expect(after.lastError).toBe("450 mailbox busy");
        expect(after.leaseOwner).toBeNull();
        if (attempt === MAX_ATTEMPTS) {
          expect(after.status, name).toBe("failed");
          expect(after.payload, name).toBeNull();
          break;
        }
        expect(after.status).toBe("pending");
        const delay = after.nextAttemptAt.getTime() - attemptsAt[attempt - 1].getTime();
        const base = RETRY_DELAYS_MS[attempt - 1];
        expect(delay, `${name} delay after try ${attempt}`).toBeGreaterThanOrEqual(base * (1 - JITTER) - 5);
        expect(delay).toBeLessThanOrEqual(base * (1 + JITTER) + 5);
        // Not due a moment before its time…
        setTestClockOffset(after.nextAttemptAt.getTime() - Date.now() - 1000);
        expect(await deliverDue(db, "sender", failing)).toMatchObject({ claimed: 0 });
        // …due at it.
        advanceTo(after.nextAttemptAt);
      }
      expect(attemptsAt).toHaveLength(MAX_ATTEMPTS);
      // Failed messages are never tried again.
      setTestClockOffset(30 * 24 * 3600_000);
      expect(await deliverDue(db, "sender", failing)).toMatchObject({ claimed: 0 });
      setTestClockOffset(0);
    }
  });

  it("gives up at once on a permanent refusal", async () => {
    for (const { name, db } of databases) {
      const { id } = await enqueueMail(db);
      const round = await deliverDue(db, "sender", async () => {
        throw new PermanentDeliveryError("550 no such mailbox");
      });
      expect(round, name).toMatchObject({ claimed: 1, failed: 1 });
      expect(await row(db, id)).toMatchObject({ status: "failed", attempts: 1, lastError: "550 no such mailbox" });
    }
  });

  it("lets two senders work at once without both sending any one message", async () => {
    for (const { name, db, second } of databases) {
      const ids = new Set<string>();
      for (let i = 0; i < 60; i++) ids.add((await enqueueMail(db)).id);
      const sends = new Map<string, string[]>();
      const sender = (who: string) => async (message: ClaimedMessage) => {
        sends.set(message.id, [...(sends.get(message.id) ?? []), who]);
        // Yield, so the other sender's claims and marks interleave with this one's.
        await new Promise((resolve) => setImmediate(resolve));
      };
      const drain = async (client: PrismaClient, who: string) => {
        let total = 0;
        for (;;) {
          const round = await deliverDue(client, who, sender(who), 7);
          total += round.sent;
          if (round.claimed === 0) return total;
        }
      };
      const [a, b] = await Promise.all([drain(db, "a"), drain(second, "b")]);
      expect(a + b, name).toBe(60);
      expect([...sends.keys()].sort(), name).toEqual([...ids].sort());
      expect(
        [...sends.values()].filter((who) => who.length !== 1),
        name,
      ).toEqual([]);
      expect(await db.outboxMessage.count({ where: { status: "sent" } }), name).toBe(60);
      // Both took part (on PostgreSQL each on its own connections).
      expect(new Set([...sends.values()].flat()).size, name).toBe(2);
    }
  });
});

describe("the mail channel", () => {
  async function loadDeliver(env: Record<string, string>) {
    vi.resetModules();
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    return (await import("@/lib/mail/deliver")).deliverMail;
  }

  it("sends again with the same Message-ID when a sender died between sending and marking", async () => {
    const deliverMail = await loadDeliver({ SMTP_URL: smtp.url, MAIL_FROM: "Wisp Portal <portal@example.com>" });
    for (const { name, db } of databases) {
      const before = smtp.received.length;
      const { id } = await enqueueMail(db);
      // Sender A claims and sends, then "dies": no mark.
      const [claimed] = await claimDue(db, "sender-a");
      await deliverMail(claimed);
      expect(smtp.received.length, name).toBe(before + 1);
      // Until its lease runs out nobody else takes the message…
      expect(await deliverDue(db, "sender-b", deliverMail)).toMatchObject({ claimed: 0 });
      // …then sender B sends it again, as the same message.
      setTestClockOffset(LEASE_MS + 1000);
      expect(await deliverDue(db, "sender-b", deliverMail)).toMatchObject({ claimed: 1, sent: 1 });
      const [first, again] = smtp.received.slice(before);
      expect(again, name).toBeDefined();
      expect(first.messageId, name).toBe(`<${id}@example.com>`);
      expect(again.messageId, name).toBe(first.messageId);
      expect(again.subject).toBe(first.subject);
      expect(again.user).toBe("wisp");
      expect(await row(db, id)).toMatchObject({ status: "sent", attempts: 2, payload: null, leaseOwner: null });
      setTestClockOffset(0);
    }
  });

  it("without SMTP_URL writes each mail to DATA_DIR/mail/<id>.eml and logs its subject and links", async () => {
    const deliverMail = await loadDeliver({ SMTP_URL: "", MAIL_FROM: "", DATA_DIR: dataDir });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      for (const { name, db } of databases) {
        const before = smtp.received.length;
        const { id } = await enqueueMail(db);
        expect(await deliverDue(db, "sender", deliverMail), name).toMatchObject({ sent: 1 });
        const raw = readFileSync(path.join(dataDir, "mail", `${id}.eml`), "utf8");
        expect(header(raw, "Message-ID")).toBe(`<${id}@localhost>`);
        expect(header(raw, "From")).toBe("Wisp Portal <no-reply@localhost>");
        expect(readable(raw)).toContain("https://portal.example.com/x");
        const line = log.mock.calls.map((call) => String(call[0])).find((entry) => entry.includes(`${id}.eml`));
        expect(line, name).toMatch(/^Mail not sent \(SMTP_URL is not set\): "Hello \d+" to person\d+@example\.com/);
        expect(line).toContain("Links: https://portal.example.com/x");
        expect(smtp.received.length, name).toBe(before);
      }
      expect(readdirSync(path.join(dataDir, "mail")).filter((file) => file.endsWith(".tmp"))).toEqual([]);
    } finally {
      log.mockRestore();
    }
  });
});
