import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectJson, newAccount, roleNamed, type TestAccount } from "../helpers/account";
import { api } from "../helpers/portal";

// A key's description and tags: set on create and update, returned by the key endpoints and
// by whoami, filtered with ?tag=key:value, and refused with a clear error when malformed.
const baseUrl = inject("baseUrl");

type KeyJson = { keyId: string; description: string; tags: Record<string, string>; secret?: string };

let account: TestAccount;
let roleId: string;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Notes Org");
  roleId = (await roleNamed(account.owner, "Read Only")).id;
});

async function createKey(body: Record<string, unknown>) {
  return expectJson<KeyJson & { secret: string }>(
    await account.owner("/api/v1/api-keys", { method: "POST", json: { name: "tagged", roleId, ...body } }),
    201,
  );
}

async function listed(query: string) {
  const page = await expectJson<{ items: KeyJson[]; total: number }>(
    await account.owner(`/api/v1/api-keys?pageSize=100&${query}`),
    200,
  );
  return page.items.map((key) => key.keyId).sort();
}

describe("notes and tags", () => {
  it("are stored, returned by the key endpoints and by whoami, and changed by PATCH", async () => {
    const created = await createKey({
      description: "Nightly export.\nOwned by finance.",
      tags: { env: "prod", team: "billing" },
    });
    expect(created.description).toBe("Nightly export.\nOwned by finance.");
    expect(created.tags).toEqual({ env: "prod", team: "billing" });
    const got = await expectJson<KeyJson>(await account.owner(`/api/v1/api-keys/${created.keyId}`), 200);
    expect(got.tags).toEqual({ env: "prod", team: "billing" });

    const whoami = await expectJson<KeyJson>(await api(baseUrl, created.secret)("/api/v1/whoami"), 200);
    expect(whoami.description).toBe("Nightly export.\nOwned by finance.");
    expect(whoami.tags).toEqual({ env: "prod", team: "billing" });

    const patched = await expectJson<KeyJson>(
      await account.owner(`/api/v1/api-keys/${created.keyId}`, {
        method: "PATCH",
        json: { description: "", tags: { env: "staging" } },
      }),
      200,
    );
    expect(patched).toMatchObject({ description: "", tags: { env: "staging" } });
    // The change reaches the cached key: whoami shows it at once.
    const after = await expectJson<KeyJson>(await api(baseUrl, created.secret)("/api/v1/whoami"), 200);
    expect(after).toMatchObject({ description: "", tags: { env: "staging" } });

    const events = await expectJson<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      await account.owner(`/api/v1/audit-log?targetType=api_key&targetId=${created.keyId}`),
      200,
    );
    expect(events.items[0]).toMatchObject({
      action: "api_key.update",
      changes: { tags: { from: ["env=prod", "team=billing"], to: ["env=staging"] } },
    });
  });

  it("filter the list with ?tag=key:value (and key=value)", async () => {
    const marker = `m${Date.now()}`;
    const prod = await createKey({ tags: { env: "prod", run: marker } });
    const dev = await createKey({ tags: { env: "dev", run: marker } });
    await createKey({ tags: {} });
    expect(await listed(`tag=${encodeURIComponent(`run:${marker}`)}`)).toEqual([prod.keyId, dev.keyId].sort());
    const prodKeys = await listed("tag=env:prod");
    expect(prodKeys).toContain(prod.keyId);
    expect(prodKeys).not.toContain(dev.keyId);
    expect(await listed("tag=env%3Dprod")).toEqual(prodKeys);
    expect(await listed("tag=env:nothing")).toEqual([]);
    // Other filters combine with it.
    expect(await listed(`tag=run:${marker}&q=nomatch`)).toEqual([]);
    const bad = await expectJson<{ error: { code: string } }>(await account.owner("/api/v1/api-keys?tag=novalue"), 400);
    expect(bad.error.code).toBe("validation_failed");
  });

  it("refuse a long description, too many tags and malformed tag keys, naming the field", async () => {
    const tooLong = await account.owner("/api/v1/api-keys", {
      method: "POST",
      json: { name: "x", roleId, description: "a".repeat(501) },
    });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(await tooLong.json())).toContain("description");

    const many = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`t${index}`, "v"]));
    const tooMany = await account.owner("/api/v1/api-keys", {
      method: "POST",
      json: { name: "x", roleId, tags: many },
    });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await tooMany.json())).toContain("at most 20 tags");

    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`t${index}`, "v"]));
    expect(Object.keys((await createKey({ tags: twenty })).tags)).toHaveLength(20);

    const badKey = await account.owner("/api/v1/api-keys", {
      method: "POST",
      json: { name: "x", roleId, tags: { "env:x": "prod" } },
    });
    expect(badKey.status).toBe(400);
  });
});
