import { describe, expect, inject, it } from "vitest";
import { expectJson, newAccount } from "../helpers/account";

const baseUrl = inject("baseUrl");

// An update that changes nothing is a 200 with the record as it is (and no audit event),
// on both databases alike.
describe("PATCH with an empty body", () => {
  it("answers 200 with the unchanged record for users, groups, networks and vouchers", async () => {
    const account = await newAccount(baseUrl, "Empty Patch Org");
    const samples: [string, Record<string, unknown>][] = [
      ["/api/v1/users", { username: "nobody-changes" }],
      ["/api/v1/groups", { name: "Unchanged" }],
      ["/api/v1/networks", { name: "Same", ssid: "Same" }],
      ["/api/v1/vouchers", { validitySeconds: 600 }],
    ];
    for (const [path, body] of samples) {
      const created = await expectJson<{ id: string }>(await account.owner(path, { method: "POST", json: body }), 201);
      const before = await expectJson(await account.owner("/api/v1/audit-log?pageSize=1"), 200);
      const patched = await expectJson(
        await account.owner(`${path}/${created.id}`, { method: "PATCH", json: {} }),
        200,
      );
      expect(patched, path).toEqual(created);
      expect(await expectJson(await account.owner("/api/v1/audit-log?pageSize=1"), 200), path).toEqual(before);
    }
  });
});
