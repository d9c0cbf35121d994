import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { EVENT_TYPE_NAMES } from "@/lib/validations/webhook";
import {
  acceptInvitation,
  createKeyWithRole,
  createRole,
  expectJson,
  invite,
  newAccount,
  roleNamed,
  unique,
  type Call,
  type TestAccount,
} from "../helpers/account";
import { from, HOUR, MINUTE, newClientAddress, setServerClock } from "../helpers/clock";
import { api } from "../helpers/portal";
import { mailsIn } from "../helpers/smtp";
import { eventsOf, startReceiver, verified, type Event, type Receiver } from "../helpers/webhook-receiver";

// Webhooks against a real receiver on loopback (the API test server runs with
// WEBHOOK_ALLOW_PRIVATE_NETWORKS=1; webhooks-ssrf.test.ts checks a server without it).
// Every delivery is verified with the `standardwebhooks` library, as a customer would.
const baseUrl = inject("baseUrl");
const WAIT = { timeout: 15_000, interval: 50 };
const mailDir = inject("mailDir");
type Created = { webhook: { id: string; secretStart: string; enabled: boolean }; secret: string };
type Log = { items: { eventId: string; eventType: string; status: number | null; ok: boolean; response: string }[] };

let account: TestAccount;
let receiver: Receiver;

beforeAll(async () => {
  account = await newAccount(baseUrl, `Hooks ${unique("o")}`);
  receiver = await startReceiver();
});

afterAll(async () => {
  await setServerClock(baseUrl, 0);
  await receiver?.stop();
});

const createEndpoint = async (owner: Call, url: string, events: string[] = EVENT_TYPE_NAMES) =>
  expectJson<Created>(await owner("/api/v1/webhooks", { method: "POST", json: { url, events } }), 201);

// Waits until the receiver holds an event of this type (about this record) and returns it.
async function eventOf(type: string, secret: string, about?: (event: Event) => boolean): Promise<Event> {
  return vi.waitFor(() => {
    const found = eventsOf(receiver, secret).find((event) => event.type === type && (!about || about(event)));
    if (!found) throw new Error(`no ${type} yet`);
    return found;
  }, WAIT);
}

const deliveriesOf = async (owner: Call, id: string) =>
  expectJson<Log>(await owner(`/api/v1/webhooks/${id}/deliveries`), 200);

describe("webhook endpoints", () => {
  it("show the signing secret once, never again, and keep it out of every event", async () => {
    const { webhook, secret } = await createEndpoint(account.owner, receiver.url, ["role.created"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(webhook.secretStart).toBe(secret.slice(0, 10));
    const read = await (await account.owner(`/api/v1/webhooks/${webhook.id}`)).text();
    const list = await (await account.owner(`/api/v1/webhooks`)).text();
    for (const text of [read, list]) expect(text).not.toContain(secret.slice(6));
    await expectJson(await account.owner(`/api/v1/webhooks/${webhook.id}`, { method: "DELETE" }), 204);
  });

  it("refuse a URL that isn't http(s), and events of areas the caller can't read", async () => {
    const ftp = await account.owner("/api/v1/webhooks", {
      method: "POST",
      json: { url: "ftp://example.com/x", events: ["role.created"] },
    });
    expect(ftp.status).toBe(400);
    const role = await createRole(account.owner, { webhooks: "FULL", roles: "READ" });
    const { call } = await createKeyWithRole(baseUrl, account.owner, role.id, "hooks only");
    const keyEvents = await call("/api/v1/webhooks", {
      method: "POST",
      json: { url: receiver.url, events: ["api_key.created"] },
    });
    expect(keyEvents.status).toBe(403);
    expect((await keyEvents.json()).error.message).toContain("API Keys");
    await expectJson(
      await call("/api/v1/webhooks", { method: "POST", json: { url: receiver.url, events: ["role.deleted"] } }),
      201,
    );
  });
});

describe("every event type", () => {
  it("reaches the receiver signed, verified by the standardwebhooks library, with the API's view and no secret", async () => {
    const org = await newAccount(baseUrl, `Events ${unique("o")}`);
    const { webhook, secret } = await createEndpoint(org.owner, receiver.url);
    const { account: who } = await expectJson<{ account: { id: string } }>(await org.owner("/api/v1/whoami"), 200);
    const readOnly = await roleNamed(org.owner, "Read Only");
    const seen = new Map<string, Event>();
    const expectEvent = async (type: string, about: (event: Event) => boolean) => {
      const event = await eventOf(type, secret, (e) => e.accountId === who.id && about(e));
      seen.set(type, event);
      return event;
    };
    const ofAccount = (id: string) => (event: Event) => event.data?.keyId === id || event.data?.id === id;

    // Keys: created, updated, disabled, enabled, rolled, deleted.
    const key = await expectJson<{ keyId: string; secret: string }>(
      await org.owner("/api/v1/api-keys", {
        method: "POST",
        json: { name: "billing", roleId: readOnly.id, quota: { limit: 5, period: "day" } },
      }),
      201,
    );
    const created = await expectEvent("api_key.created", ofAccount(key.keyId));
    expect(created.data).toMatchObject({ keyId: key.keyId, name: "billing", state: "active" });
    const patch = (json: unknown) => org.owner(`/api/v1/api-keys/${key.keyId}`, { method: "PATCH", json });
    await expectJson(await patch({ name: "billing sync" }), 200);
    expect((await expectEvent("api_key.updated", ofAccount(key.keyId))).data.name).toBe("billing sync");
    await expectJson(await patch({ enabled: false }), 200);
    expect((await expectEvent("api_key.disabled", ofAccount(key.keyId))).data.state).toBe("disabled");
    await expectJson(await patch({ enabled: true }), 200);
    await expectEvent("api_key.enabled", ofAccount(key.keyId));
    const rolled = await expectJson<{ secret: string }>(
      await org.owner(`/api/v1/api-keys/${key.keyId}/roll`, { method: "POST", json: { gracePeriod: "now" } }),
      200,
    );
    await expectEvent("api_key.rolled", ofAccount(key.keyId));

    // Quota: 4 of 5 requests is 80%, the 5th 100%.
    const keyCall = api(baseUrl, rolled.secret);
    for (let i = 0; i < 5; i++) await expectJson(await keyCall("/api/v1/whoami"), 200);
    const quota = await vi.waitFor(() => {
      const found = eventsOf(receiver, secret).filter(
        (e) => e.type === "api_key.quota_threshold" && e.data.keyId === key.keyId,
      );
      if (found.length < 2) throw new Error("not both thresholds yet");
      return found;
    }, WAIT);
    expect(quota.map((e) => e.context.percent).sort()).toEqual([100, 80]);
    seen.set("api_key.quota_threshold", quota[0]);

    // A leak report disables it.
    await expectJson(
      await fetch(`${baseUrl}/api/v1/leaked-keys`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...from(newClientAddress()) },
        body: JSON.stringify({ secrets: [rolled.secret], source: "webhook test" }),
      }),
      202,
    );
    const leaked = await expectEvent("api_key.leaked", ofAccount(key.keyId));
    expect(leaked.data).toMatchObject({ enabled: false, leakReport: { source: "webhook test" } });
    await expectJson(await org.owner(`/api/v1/api-keys/${key.keyId}`, { method: "DELETE" }), 204);
    await expectEvent("api_key.deleted", ofAccount(key.keyId));

    // Expiry: 7 days ahead, then within a day, then expired (the test clock runs the scan).
    const soon = await expectJson<{ keyId: string }>(
      await org.owner("/api/v1/api-keys", {
        method: "POST",
        json: {
          name: "short lived",
          roleId: readOnly.id,
          expiresAt: new Date(Date.now() + 3 * 24 * HOUR).toISOString(),
        },
      }),
      201,
    );
    await setServerClock(baseUrl, MINUTE);
    expect((await expectEvent("api_key.expiring", ofAccount(soon.keyId))).context.lead).toBe("7d");
    await setServerClock(baseUrl, 4 * 24 * HOUR);
    expect((await expectEvent("api_key.expired", ofAccount(soon.keyId))).data.state).toBe("expired");
    await setServerClock(baseUrl, 0);

    // Members: invited, joined, role changed, removed.
    const email = `${unique("joiner")}@example.com`;
    const invited = await invite(org.owner, readOnly.id, email, "Joiner");
    expect((await expectEvent("member.invited", ofAccount(invited.id))).data).toMatchObject({
      email,
      status: "invited",
    });
    const joined = await acceptInvitation(
      baseUrl,
      invited.invitationUrl,
      `violet kettle ${unique("p")} marmalade`,
      "",
      {
        email,
      },
    );
    expect(joined.cookie).toBeTruthy();
    await expectEvent("member.joined", ofAccount(invited.id));
    const owner = await roleNamed(org.owner, "Owner");
    await expectJson(
      await org.owner(`/api/v1/team/${invited.id}`, { method: "PATCH", json: { roleId: owner.id } }),
      200,
    );
    expect((await expectEvent("member.role_changed", ofAccount(invited.id))).data.role.name).toBe("Owner");
    await expectJson(await org.owner(`/api/v1/team/${invited.id}`, { method: "DELETE" }), 204);
    await expectEvent("member.removed", ofAccount(invited.id));

    // Roles: created, updated, deleted.
    const role = await createRole(org.owner, { users: "READ" }, unique("Support"));
    await expectEvent("role.created", ofAccount(role.id));
    await expectJson(
      await org.owner(`/api/v1/roles/${role.id}`, { method: "PATCH", json: { permissions: { users: "FULL" } } }),
      200,
    );
    expect((await expectEvent("role.updated", ofAccount(role.id))).data.permissions.users).toBe("FULL");
    await expectJson(await org.owner(`/api/v1/roles/${role.id}`, { method: "DELETE" }), 204);
    await expectEvent("role.deleted", ofAccount(role.id));

    expect([...seen.keys()].sort()).toEqual([...EVENT_TYPE_NAMES].sort());
    for (const event of seen.values()) {
      expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(event.timestamp)).not.toBeNaN();
      const text = JSON.stringify(event);
      expect(text).not.toMatch(/wisp_[0-9A-Za-z]{38}|whsec_|"secret"|hash/i);
    }
    // One delivery per event type in the endpoint's log, each with the receiver's answer.
    const log = await deliveriesOf(org.owner, webhook.id);
    expect(log.items.every((item) => item.ok && item.status === 200 && item.response === "thanks")).toBe(true);
  }, 120_000);
});

describe("delivery", () => {
  it("signs with both secrets for 24 hours after a roll, then with the new one only", async () => {
    const org = await newAccount(baseUrl, `Roll ${unique("o")}`);
    const { webhook, secret: first } = await createEndpoint(org.owner, receiver.url, ["role.created"]);
    const rolled = await expectJson<Created>(
      await org.owner(`/api/v1/webhooks/${webhook.id}/roll-secret`, { method: "POST" }),
      200,
    );
    expect(rolled.secret).not.toBe(first);
    const role = await createRole(org.owner, { users: "READ" });
    const delivery = await vi.waitFor(() => {
      const found = receiver.received.find((d) => d.body.includes(role.id));
      if (!found) throw new Error("not yet");
      return found;
    }, WAIT);
    expect(delivery.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verified(delivery, first).data.id).toBe(role.id);
    expect(verified(delivery, rolled.secret).data.id).toBe(role.id);
    expect(() => verified(delivery, `whsec_${Buffer.alloc(24, 1).toString("base64")}`)).toThrow();

    await setServerClock(baseUrl, 25 * HOUR);
    const later = await createRole(org.owner, { users: "READ" });
    const after = await vi.waitFor(() => {
      const found = receiver.received.find((d) => d.body.includes(later.id));
      if (!found) throw new Error("not yet");
      return found;
    }, WAIT);
    await setServerClock(baseUrl, 0);
    expect(after.headers["webhook-signature"].split(" ")).toHaveLength(1);
    expect(verified(after, rolled.secret).data.id).toBe(later.id);
    expect(() => verified(after, first)).toThrow();
  });

  it("sends a test event on demand and resends an event with the same id", async () => {
    const org = await newAccount(baseUrl, `Test ${unique("o")}`);
    const { webhook, secret } = await createEndpoint(org.owner, receiver.url, ["role.deleted"]);
    const { eventId } = await expectJson<{ eventId: string }>(
      await org.owner(`/api/v1/webhooks/${webhook.id}/test`, { method: "POST" }),
      202,
    );
    const test = await eventOf("webhook.test", secret, (event) => event.id === eventId);
    expect(test.data.webhook.id).toBe(webhook.id);
    await expectJson(
      await org.owner(`/api/v1/webhooks/${webhook.id}/resend`, { method: "POST", json: { eventId } }),
      202,
    );
    await vi.waitFor(
      () => expect(receiver.received.filter((d) => d.headers["webhook-id"] === eventId)).toHaveLength(2),
      WAIT,
    );
    const unknown = await org.owner(`/api/v1/webhooks/${webhook.id}/resend`, {
      method: "POST",
      json: { eventId: crypto.randomUUID() },
    });
    expect(unknown.status).toBe(404);
  });

  it("reaches a receiver that was down once it is back, and logs each try", async () => {
    const org = await newAccount(baseUrl, `Down ${unique("o")}`);
    const spare = await startReceiver();
    const port = spare.port;
    await spare.stop();
    const { webhook, secret } = await createEndpoint(org.owner, `http://127.0.0.1:${port}/late`, ["role.created"]);
    const role = await createRole(org.owner, { users: "READ" });
    await vi.waitFor(async () => {
      const log = await deliveriesOf(org.owner, webhook.id);
      expect(log.items[0]).toMatchObject({ ok: false, status: null });
      expect(log.items[0].response).toContain("refused");
    }, WAIT);
    const back = await startReceiver(port);
    try {
      // The first retry is due about a minute later (±20%).
      await setServerClock(baseUrl, 2 * MINUTE);
      const delivery = await vi.waitFor(() => {
        if (back.received.length === 0) throw new Error("not yet");
        return back.received[0];
      }, WAIT);
      expect(verified(delivery, secret).data.id).toBe(role.id);
      const log = await deliveriesOf(org.owner, webhook.id);
      expect(log.items.map((item) => item.ok)).toEqual([true, false]);
      const endpoint = await expectJson<{ failingSince: string | null }>(
        await org.owner(`/api/v1/webhooks/${webhook.id}`),
        200,
      );
      expect(endpoint.failingSince).toBeNull();
    } finally {
      await setServerClock(baseUrl, 0);
      await back.stop();
    }
  });

  it("disables an endpoint failing for 5 days and mails the account's Owners", async () => {
    const org = await newAccount(baseUrl, `Failing ${unique("o")}`);
    const failing = await startReceiver();
    failing.status = 503;
    try {
      const { webhook } = await createEndpoint(org.owner, failing.url, ["role.created"]);
      await createRole(org.owner, { users: "READ" });
      await vi.waitFor(async () => {
        const endpoint = await expectJson<{ failingSince: string | null }>(
          await org.owner(`/api/v1/webhooks/${webhook.id}`),
          200,
        );
        expect(endpoint.failingSince).not.toBeNull();
      }, WAIT);
      expect((await deliveriesOf(org.owner, webhook.id)).items[0]).toMatchObject({ status: 503, response: "not now" });
      // Each retry, due a little later each time, fails too; past 5 days the endpoint is off.
      for (const hours of [3, 12, 48, 100, 125]) {
        const before = (await deliveriesOf(org.owner, webhook.id)).items.length;
        await setServerClock(baseUrl, hours * HOUR);
        await vi.waitFor(async () => {
          expect((await deliveriesOf(org.owner, webhook.id)).items.length).toBeGreaterThan(before);
        }, WAIT);
      }
      const endpoint = await vi.waitFor(
        async () => {
          const read = await expectJson<{ enabled: boolean; disabledReason: string | null }>(
            await org.owner(`/api/v1/webhooks/${webhook.id}`),
            200,
          );
          expect(read.enabled).toBe(false);
          return read;
        },
        { timeout: 20_000, interval: 200 },
      );
      expect(endpoint.disabledReason).toBe("failing");
      const mail = await vi.waitFor(async () => {
        const found = (await mailsIn(mailDir)).find(
          (m) => m.to.includes(org.session.email) && m.subject.includes("disabled after 5 days"),
        );
        if (!found) throw new Error("no mail yet");
        return found;
      }, WAIT);
      expect(mail.subject).toContain("Failing");
    } finally {
      await setServerClock(baseUrl, 0);
      await failing.stop();
    }
  }, 60_000);
});
