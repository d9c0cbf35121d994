import { describe, expect, inject, it } from "vitest";
import { generateSecret } from "@/lib/api-keys/format";
import { createKeyWithRole, newAccount, roleNamed } from "../helpers/account";
import { setServerClock } from "../helpers/clock";
import { report } from "./fuzz";

const baseUrl = inject("baseUrl");

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
    const answers = new Map<string, string>();
    for (const [name, header] of Object.entries(cases)) {
      const response = await fetch(`${baseUrl}/api/v1/api-keys`, { headers: header ? { Authorization: header } : {} });
      const headers = ["content-type", "www-authenticate", "cache-control"].map(
        (h) => `${h}: ${response.headers.get(h)}`,
      );
      answers.set(name, `${response.status}\n${headers.join("\n")}\n${await response.text()}`);
    }
    await setServerClock(baseUrl, 0);
    const distinct = new Set(answers.values());
    report("identical 401 across key failures", answers.size, distinct.size - 1);
    expect([...distinct]).toHaveLength(1);
    expect([...distinct][0]).toMatch(/^401\n/);
  });
});
