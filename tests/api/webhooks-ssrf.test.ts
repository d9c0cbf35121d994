import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, newAccount, type TestAccount } from "../helpers/account";
import { startServer, type RunningServer } from "../helpers/server";
import { startReceiver, type Receiver } from "../helpers/webhook-receiver";

// A server with the default settings (WEBHOOK_ALLOW_PRIVATE_NETWORKS unset): no webhook
// endpoint can be aimed at loopback, private, link-local or metadata addresses, by
// address or by a name that resolves to one, and a plain http:// URL is refused. (The
// same check runs again before each delivery: tests/unit/webhook-address-policy.test.ts.)
// Runs in the embedded-database project only (vitest.config.mts): no database is involved.
let server: RunningServer;
let account: TestAccount;
let receiver: Receiver;

beforeAll(async () => {
  [server, receiver] = await Promise.all([startServer(3318, { WISP_TEST_CLOCK: "1" }), startReceiver()]);
  account = await newAccount(server.url, "SSRF Org");
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await receiver?.stop();
});

describe("webhook URLs on a server without WEBHOOK_ALLOW_PRIVATE_NETWORKS", () => {
  it.each([
    [`https://127.0.0.1:{port}/hooks`, "127.0.0.1 is in a private or reserved network (loopback)"],
    ["https://10.20.30.40/hooks", "10.20.30.40 is in a private or reserved network (private)"],
    ["https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"],
    ["https://[::1]/hooks", "[::1] is in a private or reserved network (loopback)"],
    [`https://localhost:{port}/hooks`, "localhost resolves to"],
    [`http://127.0.0.1:{port}/hooks`, "Use an https:// URL."],
  ])("refuses %s with a clear error on the url field", async (template, message) => {
    const url = template.replace("{port}", String(receiver.port));
    const response = await account.owner("/api/v1/webhooks", {
      method: "POST",
      json: { url, events: ["role.created"] },
    });
    const body = await expectJson<{ error: { message: string; fieldErrors: { url: string[] } } }>(response, 400);
    expect(body.error.message).toContain(message);
    expect(body.error.fieldErrors.url[0]).toContain(message);
  });

  it("refuses the same when an endpoint's URL is changed, and nothing reaches the receiver", async () => {
    const created = await account.owner("/api/v1/webhooks", {
      method: "POST",
      json: { url: "https://93.184.215.14/hooks", events: ["role.created"], enabled: false },
    });
    const { webhook } = await expectJson<{ webhook: { id: string } }>(created, 201);
    const changed = await account.owner(`/api/v1/webhooks/${webhook.id}`, {
      method: "PATCH",
      json: { url: `https://localhost:${receiver.port}/hooks` },
    });
    expect(changed.status).toBe(400);
    expect(receiver.received).toHaveLength(0);
  });
});
