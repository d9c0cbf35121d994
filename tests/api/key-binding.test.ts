import { request } from "node:http";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectJson, newAccount, roleNamed, type TestAccount } from "../helpers/account";
import { api } from "../helpers/portal";

// Bind to first address: the first request sets the allowlist to its client address; the
// same key is then refused from any other. The second client here is a real second loopback
// address (127.0.0.2, which the test server does not trust as a proxy).
const baseUrl = inject("baseUrl");

type KeyJson = { keyId: string; ipAllowlist: string[]; bindToFirstAddress: boolean; secret: string };

let account: TestAccount;
let roleId: string;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Binding Org");
  roleId = (await roleNamed(account.owner, "Read Only")).id;
});

// GET from a chosen local address; the status and body.
function whoamiFrom(localAddress: string, secret: string): Promise<{ status: number; body: string }> {
  const url = new URL("/api/v1/whoami", baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        localAddress,
        headers: { Authorization: `Bearer ${secret}` },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const getKey = async (keyId: string) => expectJson<KeyJson>(await account.owner(`/api/v1/api-keys/${keyId}`), 200);

describe("bind to first address", () => {
  it("binds to 127.0.0.1 on first use and refuses the same key from 127.0.0.2", async () => {
    const key = await expectJson<KeyJson>(
      await account.owner("/api/v1/api-keys", {
        method: "POST",
        json: { name: "bound", roleId, bindToFirstAddress: true },
      }),
      201,
    );
    expect(key).toMatchObject({ bindToFirstAddress: true, ipAllowlist: [] });

    expect((await whoamiFrom("127.0.0.1", key.secret)).status).toBe(200);
    expect(await getKey(key.keyId)).toMatchObject({ bindToFirstAddress: false, ipAllowlist: ["127.0.0.1"] });

    const refused = await whoamiFrom("127.0.0.2", key.secret);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe("ip_not_allowed");
    expect((await whoamiFrom("127.0.0.1", key.secret)).status).toBe(200);

    const events = await expectJson<{ items: { action: string; actor: unknown; changes: unknown }[] }>(
      await account.owner(`/api/v1/audit-log?targetType=api_key&targetId=${key.keyId}`),
      200,
    );
    expect(events.items.filter((event) => event.action === "api_key.bind")).toEqual([
      expect.objectContaining({
        changes: {
          ipAllowlist: { from: [], to: ["127.0.0.1"] },
          bindToFirstAddress: { from: true, to: false },
        },
      }),
    ]);
  });

  it("binds IPv6 clients to their /64, and the allowlist stays editable", async () => {
    const key = await expectJson<KeyJson>(
      await account.owner("/api/v1/api-keys", {
        method: "POST",
        json: { name: "bound v6", roleId, bindToFirstAddress: true },
      }),
      201,
    );
    // The loopback proxy passes the client's address on.
    const call = api(baseUrl, key.secret);
    const from = (address: string) => call("/api/v1/whoami", { headers: { "X-Forwarded-For": address } });
    expect((await from("2001:db8:1:2:aaaa::1")).status).toBe(200);
    expect((await getKey(key.keyId)).ipAllowlist).toEqual(["2001:db8:1:2::/64"]);
    expect((await from("2001:db8:1:2:bbbb::9")).status).toBe(200);
    expect((await from("2001:db8:1:3::1")).status).toBe(403);

    await expectJson(
      await account.owner(`/api/v1/api-keys/${key.keyId}`, { method: "PATCH", json: { ipAllowlist: [] } }),
      200,
    );
    expect((await from("2001:db8:1:3::1")).status).toBe(200);
    // Binding happened once: the allowlist the member cleared stays empty.
    expect((await getKey(key.keyId)).ipAllowlist).toEqual([]);
  });

  it("binds once when the first requests come together from different addresses", async () => {
    const key = await expectJson<KeyJson>(
      await account.owner("/api/v1/api-keys", {
        method: "POST",
        json: { name: "raced", roleId, bindToFirstAddress: true },
      }),
      201,
    );
    const call = api(baseUrl, key.secret);
    const addresses = ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"];
    const statuses = await Promise.all(
      addresses.map(
        async (address) => (await call("/api/v1/whoami", { headers: { "X-Forwarded-For": address } })).status,
      ),
    );
    const { ipAllowlist } = await getKey(key.keyId);
    expect(ipAllowlist).toHaveLength(1);
    const winner = addresses.indexOf(ipAllowlist[0]);
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(statuses).toEqual(addresses.map((_, index) => (index === winner ? 200 : 403)));
  });
});
