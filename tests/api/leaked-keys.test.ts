import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { generateSecret, KEY_FORMAT } from "@/lib/api-keys/format";
import { expectJson, newAccount, roleNamed, type TestAccount } from "../helpers/account";
import { from, newClientAddress } from "../helpers/clock";
import { api } from "../helpers/portal";

// Anyone who finds a key can have it disabled: POST /api/v1/leaked-keys with no key.
const baseUrl = inject("baseUrl");
let first: TestAccount;
let second: TestAccount;

beforeAll(async () => {
  [first, second] = await Promise.all([newAccount(baseUrl, "Leak One"), newAccount(baseUrl, "Leak Two")]);
});

// Each call from its own (forwarded) client address, so the rate limit is not in the way.
const randomAddress = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
async function report(body: unknown, address = randomAddress()) {
  return fetch(`${baseUrl}/api/v1/leaked-keys`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
    body: JSON.stringify(body),
  });
}

async function keysOf(account: TestAccount, count: number, prefix: string) {
  const roleId = (await roleNamed(account.owner, "Read Only")).id;
  const keys: { keyId: string; secret: string }[] = [];
  for (let i = 0; i < count; i++) {
    keys.push(
      await expectJson(
        await account.owner("/api/v1/api-keys", { method: "POST", json: { name: `${prefix} ${i}`, roleId } }),
        201,
      ),
    );
  }
  return keys;
}

describe("reporting leaked keys", () => {
  it("disables all 100 keys of one call at once, in their own accounts, and answers as for 100 made-up secrets", async () => {
    const keys = [...(await keysOf(first, 60, "leaked")), ...(await keysOf(second, 40, "leaked"))];
    for (const key of keys.slice(0, 3)) expect((await api(baseUrl, key.secret)("/api/v1/whoami")).status).toBe(200);

    const found = await report({ secrets: keys.map((key) => key.secret), source: "GitHub secret scanning" });
    const madeUp = await report({
      secrets: Array.from({ length: 100 }, generateSecret),
      source: "GitHub secret scanning",
    });
    expect(found.status).toBe(202);
    expect(madeUp.status).toBe(202);
    expect(await found.json()).toEqual(await madeUp.json());

    const statuses = await Promise.all(
      // Each from an address of its own: 100 refusals from one address would trip the
      // failed-check brake for every other test on this server.
      keys.map(
        async (key) => (await api(baseUrl, key.secret)("/api/v1/whoami", { headers: from(newClientAddress()) })).status,
      ),
    );
    expect(statuses.filter((status) => status !== 401)).toEqual([]);

    const key = await expectJson<{ enabled: boolean; state: string; leakReport: { source: string } | null }>(
      await first.owner(`/api/v1/api-keys/${keys[0].keyId}`),
      200,
    );
    expect(key).toMatchObject({ enabled: false, state: "disabled", leakReport: { source: "GitHub secret scanning" } });

    const events = await expectJson<{ items: { actor: { type: string; name: string }; target: { id: string } }[] }>(
      await second.owner("/api/v1/audit-log?action=api_key.leak_reported&pageSize=100"),
      200,
    );
    expect(events.items).toHaveLength(40);
    expect(events.items[0].actor).toMatchObject({ type: "anonymous", name: "Leak report: GitHub secret scanning" });
    expect(new Set(events.items.map((event) => event.target.id))).toEqual(
      new Set(keys.slice(60).map((leaked) => leaked.keyId)),
    );

    // Members with API Keys access see one banner on every portal page, however many keys.
    const page = (
      await (await fetch(`${baseUrl}/audit-log`, { headers: { Cookie: first.session.cookie } })).text()
    ).replaceAll("<!-- -->", "");
    expect(page).toContain("60 keys were disabled after a leak report");
    expect(page).toContain("57 more");
    // (Once in the HTML; the page's data for React follows in the scripts.)
    expect(page.split("self.__next_f")[0].match(/disabled after a leak report/g)).toHaveLength(1);

    // Enabling settles the report.
    await expectJson(
      await first.owner(`/api/v1/api-keys/${keys[0].keyId}`, { method: "PATCH", json: { enabled: true } }),
      200,
    );
    expect((await api(baseUrl, keys[0].secret)("/api/v1/whoami")).status).toBe(200);
    expect(
      (await expectJson<{ leakReport: unknown }>(await first.owner(`/api/v1/api-keys/${keys[0].keyId}`), 200))
        .leakReport,
    ).toBeNull();
  }, 120_000);

  it("shows a reporter's words only as a labelled, quoted and shortened note, never as the portal's own sentence", async () => {
    const [key] = await keysOf(second, 1, "noted");
    const lure = `Wisp Portal security team: your account is suspended. To restore access call +1 555 0100 now ${"x".repeat(80)}`;
    expect((await report({ secrets: [key.secret], source: lure })).status).toBe(202);
    const html = (
      await (await fetch(`${baseUrl}/api-keys/${key.keyId}`, { headers: { Cookie: second.session.cookie } })).text()
    ).replaceAll("<!-- -->", "");
    const shown = lure.slice(0, 79);
    const note = html.slice(html.indexOf("Reporter&#x27;s note:"), html.indexOf("</q>") + 4);
    expect(note).toMatch(/^Reporter&#x27;s note: <q title="[^"]+" class="italic">/);
    expect(note.endsWith(`>${shown}…</q>`), note.slice(0, 300)).toBe(true);
    expect(html).not.toContain(`${lure}</`);
    expect(html).not.toMatch(/reported leaked by Wisp Portal/);
  });

  it("answers malformed, unknown and mixed batches the same way, and validates the body", async () => {
    const [live] = await keysOf(first, 1, "mixed");
    const answers = await Promise.all([
      report({ secrets: ["not a key", "wisp_short"], source: "paste site" }),
      report({ secrets: [live.secret, generateSecret()], source: "paste site" }),
    ]);
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    expect(bodies[0]).toEqual(bodies[1]);
    expect((await api(baseUrl, live.secret)("/api/v1/whoami")).status).toBe(401);

    expect((await report({ secrets: Array.from({ length: 101 }, generateSecret), source: "x" })).status).toBe(400);
    expect((await report({ secrets: [generateSecret()] })).status).toBe(400);
    expect((await report({ secrets: [], source: "x" })).status).toBe(400);
  });

  it("limits how often one client address may report", async () => {
    const address = randomAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await report({ secrets: [generateSecret()], source: "rate test" }, address)).status);
    }
    expect(statuses.every((status) => status === 202)).toBe(true);
    const limited = await report({ secrets: [generateSecret()], source: "rate test" }, address);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("too_many_requests");
    expect((await report({ secrets: [generateSecret()], source: "rate test" })).status).toBe(202);
  });
});

describe("the published key format", () => {
  it("is served at /.well-known/api-key-format as a pattern that finds real keys in text", async () => {
    const format = await expectJson<typeof KEY_FORMAT & { reportTo: string }>(
      await fetch(`${baseUrl}/.well-known/api-key-format`),
      200,
    );
    expect(format).toMatchObject({ prefix: "wisp_", randomLength: 32, checksumLength: 6, length: 43 });
    expect(format.reportTo).toBe(`${baseUrl}/api/v1/leaked-keys`);
    const secret = generateSecret();
    const text = `config:\n  token: ${secret}\n  other: wisp_tooShort\n`;
    expect(text.match(new RegExp(format.pattern, "g"))).toEqual([secret]);
  });
});
