import { request } from "node:http";
import { describe, expect, inject, it } from "vitest";
import { generateSecret } from "@/lib/api-keys/format";
import { createKeyWithRole, newAccount, roleNamed } from "../helpers/account";
import { setServerClock } from "../helpers/clock";
import { report } from "./fuzz";

const baseUrl = inject("baseUrl");

// Status, every header in the order sent (but the date and the request's own id) and body.
function rawAnswer(path: string, authorization?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const call = request(`${baseUrl}${path}`, { headers: authorization ? { Authorization: authorization } : {} });
    call.on("response", (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => {
        const lines: string[] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = response.rawHeaders[i];
          if (!/^(date|x-request-id)$/i.test(name)) lines.push(`${name}: ${response.rawHeaders[i + 1]}`);
        }
        resolve(`${response.statusCode}\n${lines.join("\n")}\n\n${body}`);
      });
    });
    call.on("error", reject);
    call.end();
  });
}

async function doorRefusals(): Promise<number> {
  return ((await (await fetch(`${baseUrl}/api/test/key-cache`)).json()) as { doorRefusals: number }).doorRefusals;
}

// Whatever is wrong with a key, the caller learns only that it is not a valid key.
describe("the identical 401", () => {
  it("is the same status, body and headers for missing, malformed, bad-checksum, unknown, deleted, disabled, expired and rolled-away keys", async () => {
    const account = await newAccount(baseUrl, "401 Org");
    const readOnly = await roleNamed(account.owner, "Read Only");
    const deleted = await createKeyWithRole(baseUrl, account.owner, readOnly.id, "to delete");
    await account.owner(`/api/v1/api-keys/${deleted.keyId}`, { method: "DELETE" });
    const disabled = await createKeyWithRole(baseUrl, account.owner, readOnly.id, "to disable");
    await account.owner(`/api/v1/api-keys/${disabled.keyId}`, { method: "PATCH", json: { enabled: false } });
    // Expired a moment ago: the server's clock is moved past its expiry, then back.
    const expiring = await createKeyWithRole(baseUrl, account.owner, readOnly.id, "to expire");
    const soon = new Date(Date.now() + 60_000).toISOString();
    await account.owner(`/api/v1/api-keys/${expiring.keyId}`, { method: "PATCH", json: { expiresAt: soon } });
    const rolled = await createKeyWithRole(baseUrl, account.owner, readOnly.id, "to roll");
    await account.owner(`/api/v1/api-keys/${rolled.keyId}/roll`, { method: "POST", json: { gracePeriod: "now" } });
    const valid = account.ownerKey.secret;
    const flipped = valid.slice(0, -1) + (valid.endsWith("A") ? "B" : "A");
    const cases: Record<string, string | undefined> = {
      missing: undefined,
      "not Bearer": `Basic ${Buffer.from("a:b").toString("base64")}`,
      malformed: "Bearer not-a-key",
      "bad checksum": `Bearer ${flipped}`,
      unknown: `Bearer ${generateSecret()}`,
      deleted: `Bearer ${deleted.secret}`,
      disabled: `Bearer ${disabled.secret}`,
      expired: `Bearer ${expiring.secret}`,
      "rolled away": `Bearer ${rolled.secret}`,
    };
    await setServerClock(baseUrl, 120_000);
    // Made-up and malformed keys are answered before Next (lib/api/front-door.ts), the
    // others by the route: byte for byte the same, headers in the same order.
    const before = await doorRefusals();
    const answers = new Map<string, string>();
    for (const path of ["/api/v1/api-keys", "/api/v1/whoami"])
      for (const [name, header] of Object.entries(cases)) answers.set(`${path} ${name}`, await rawAnswer(path, header));
    expect((await doorRefusals()) - before).toBe(2 * 4);
    await setServerClock(baseUrl, 0);
    const distinct = new Set(answers.values());
    report("identical 401 across key failures", answers.size, distinct.size - 1);
    expect([...distinct]).toHaveLength(1);
    expect([...distinct][0]).toMatch(/^401\n/);
    expect([...distinct][0]).toMatch(/\nX-Frame-Options: DENY\n/);
  });
});
