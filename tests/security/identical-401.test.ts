import { describe, expect, inject, it } from "vitest";
import { generateSecret } from "@/lib/api-keys/format";
import { createKeyWithRole, newAccount, roleNamed } from "../helpers/account";
import { report } from "./fuzz";

const baseUrl = inject("baseUrl");

// Whatever is wrong with a key, the caller learns only that it is not a valid key.
describe("the identical 401", () => {
  it("is the same status, body and headers for missing, malformed, bad-checksum, unknown and deleted keys", async () => {
    const account = await newAccount(baseUrl, "401 Org");
    const readOnly = await roleNamed(account.owner, "Read Only");
    const deleted = await createKeyWithRole(baseUrl, account.owner, readOnly.id, "to delete");
    await account.owner(`/api/v1/api-keys/${deleted.keyId}`, { method: "DELETE" });
    const valid = account.ownerKey.secret;
    const flipped = valid.slice(0, -1) + (valid.endsWith("A") ? "B" : "A");
    const cases: Record<string, string | undefined> = {
      missing: undefined,
      "not Bearer": `Basic ${Buffer.from("a:b").toString("base64")}`,
      malformed: "Bearer not-a-key",
      "bad checksum": `Bearer ${flipped}`,
      unknown: `Bearer ${generateSecret()}`,
      deleted: `Bearer ${deleted.secret}`,
    };
    const answers = new Map<string, string>();
    for (const [name, header] of Object.entries(cases)) {
      const response = await fetch(`${baseUrl}/api/v1/api-keys`, { headers: header ? { Authorization: header } : {} });
      const headers = ["content-type", "www-authenticate", "cache-control"].map(
        (h) => `${h}: ${response.headers.get(h)}`,
      );
      answers.set(name, `${response.status}\n${headers.join("\n")}\n${await response.text()}`);
    }
    const distinct = new Set(answers.values());
    report("identical 401 across key failures", answers.size, distinct.size - 1);
    expect([...distinct]).toHaveLength(1);
    expect([...distinct][0]).toMatch(/^401\n/);
  });
});
