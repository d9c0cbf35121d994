import { beforeAll, describe, expect, inject, it } from "vitest";
import { api, createKeyInPortal, roleId, signUp, type Session } from "../helpers/portal";

const baseUrl = inject("baseUrl");
const UNAUTHORIZED_BODY = {
  error: { code: "unauthorized", message: "Send a valid API key as Authorization: Bearer <key>." },
};

let owner: Session;
let ownerKey: { keyId: string; secret: string };

beforeAll(async () => {
  owner = await signUp(baseUrl);
  ownerKey = await createKeyInPortal(baseUrl, owner.cookie, "deploy script");
});

describe("whoami", () => {
  it("names the calling key, its account, role and permissions", async () => {
    const response = await api(baseUrl, ownerKey.secret)("/api/v1/whoami");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({ keyId: ownerKey.keyId, name: "deploy script", role: { name: "Owner" } });
    expect(body.permissions).toMatchObject({ api_keys: "FULL", users: "FULL", audit_log: "READ" });
    expect(JSON.stringify(body)).not.toContain(ownerKey.secret);
  });

  it("answers missing, malformed, unknown and bad-checksum keys with the same 401", async () => {
    const unknown = "wisp_" + "A".repeat(32) + "000000";
    const badChecksum = ownerKey.secret.slice(0, -1) + (ownerKey.secret.endsWith("a") ? "b" : "a");
    for (const header of [
      undefined,
      "Bearer nope",
      `Bearer ${unknown}`,
      `Bearer ${badChecksum}`,
      `Basic ${ownerKey.secret}`,
    ]) {
      const response = await fetch(`${baseUrl}/api/v1/whoami`, { headers: header ? { Authorization: header } : {} });
      expect(response.status, String(header)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.json()).toEqual(UNAUTHORIZED_BODY);
    }
  });

  it("refuses a key in the query string, even a valid one", async () => {
    const response = await fetch(`${baseUrl}/api/v1/whoami?api_key=${ownerKey.secret}`, {
      headers: { Authorization: `Bearer ${ownerKey.secret}` },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("bad_request");
  });
});

describe("managing keys by Key ID", () => {
  it("creates a key whose secret is returned once and works at once", async () => {
    const call = api(baseUrl, ownerKey.secret);
    const readOnly = await roleId(baseUrl, owner.cookie, "Read Only");
    const created = await call("/api/v1/api-keys", {
      method: "POST",
      json: { name: "  reporting  ", roleId: readOnly },
    });
    expect(created.status).toBe(201);
    const key = await created.json();
    expect(key).toMatchObject({ name: "reporting", role: { id: readOnly, name: "Read Only" }, lastUsedAt: null });
    expect(key.secret).toMatch(/^wisp_[0-9A-Za-z]{38}$/);
    expect(key.start).toBe(key.secret.slice(0, 9));

    const fetched = await (await call(`/api/v1/api-keys/${key.keyId}`)).json();
    expect(fetched.secret).toBeUndefined();
    expect(fetched.keyId).toBe(key.keyId);

    const whoami = await api(baseUrl, key.secret)("/api/v1/whoami");
    expect((await whoami.json()).role.name).toBe("Read Only");
  });

  it("lets a Read Only key list and read, and refuses its writes with 403 naming the area and level", async () => {
    const call = api(baseUrl, ownerKey.secret);
    const readOnly = await roleId(baseUrl, owner.cookie, "Read Only");
    const { secret } = await (
      await call("/api/v1/api-keys", { method: "POST", json: { name: "reader", roleId: readOnly } })
    ).json();
    const reader = api(baseUrl, secret);

    const list = await reader("/api/v1/api-keys?pageSize=2&sort=name&dir=asc");
    expect(list.status).toBe(200);
    const page = await list.json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items.map((item: { name: string }) => item.name)).toEqual(
      [...page.items.map((item: { name: string }) => item.name)].sort(),
    );

    const write = await reader("/api/v1/api-keys", { method: "POST", json: { name: "escalate", roleId: readOnly } });
    expect(write.status).toBe(403);
    expect((await write.json()).error).toMatchObject({
      code: "forbidden",
      area: "api_keys",
      required: "FULL",
      granted: "READ",
    });
    const remove = await reader(`/api/v1/api-keys/${ownerKey.keyId}`, { method: "DELETE" });
    expect(remove.status).toBe(403);
    expect((await api(baseUrl, ownerKey.secret)("/api/v1/whoami")).status).toBe(200);
  });

  it("renames a key and changes its role, which applies to its very next request", async () => {
    const call = api(baseUrl, ownerKey.secret);
    const { keyId, secret } = await createKeyInPortal(baseUrl, owner.cookie, "rotating");
    const readOnly = await roleId(baseUrl, owner.cookie, "Read Only");
    const patched = await call(`/api/v1/api-keys/${keyId}`, {
      method: "PATCH",
      json: { name: "renamed", roleId: readOnly },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "renamed", role: { name: "Read Only" } });
    const next = await api(baseUrl, secret)("/api/v1/api-keys", {
      method: "POST",
      json: { name: "x", roleId: readOnly },
    });
    expect(next.status).toBe(403);
  });

  it("deletes a key, and the very next request with it gets 401", async () => {
    const { keyId, secret } = await createKeyInPortal(baseUrl, owner.cookie, "short-lived");
    const victim = api(baseUrl, secret);
    expect((await victim("/api/v1/whoami")).status).toBe(200);
    const deleted = await api(baseUrl, ownerKey.secret)(`/api/v1/api-keys/${keyId}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    const after = await victim("/api/v1/whoami");
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual(UNAUTHORIZED_BODY);
    expect((await api(baseUrl, ownerKey.secret)(`/api/v1/api-keys/${keyId}`)).status).toBe(404);
  });
});

describe("bad input", () => {
  it("answers invalid bodies with 400 and field errors, and writes nothing", async () => {
    const call = api(baseUrl, ownerKey.secret);
    const before = (await (await call("/api/v1/api-keys")).json()).total;
    const empty = await call("/api/v1/api-keys", { method: "POST", json: { name: "   ", roleId: "nope" } });
    expect(empty.status).toBe(400);
    const body = await empty.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fieldErrors.name[0]).toMatch(/name/i);
    expect(body.error.fieldErrors.roleId).toBeDefined();
    const long = await call("/api/v1/api-keys", {
      method: "POST",
      json: { name: "x".repeat(101), roleId: await roleId(baseUrl, owner.cookie, "Owner") },
    });
    expect(long.status).toBe(400);
    const broken = await call("/api/v1/api-keys", {
      method: "POST",
      body: "{",
      headers: { "Content-Type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect((await (await call("/api/v1/api-keys")).json()).total).toBe(before);
  });

  it("refuses a wrong content type with 415 and an oversized body with 413", async () => {
    const call = api(baseUrl, ownerKey.secret);
    const form = await call("/api/v1/api-keys", {
      method: "POST",
      body: "name=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const huge = await call("/api/v1/api-keys", {
      method: "POST",
      json: { name: "x", roleId: "y", pad: "z".repeat(100_000) },
    });
    expect(huge.status).toBe(413);
  });

  it("answers an unknown or ill-formed Key ID with 404", async () => {
    const call = api(baseUrl, ownerKey.secret);
    expect((await call("/api/v1/api-keys/key_0000000000000000")).status).toBe(404);
    expect((await call("/api/v1/api-keys/not-a-key-id", { method: "DELETE" })).status).toBe(404);
  });
});

describe("tenancy", () => {
  it("keeps two accounts' keys apart: another account's Key ID is a 404", async () => {
    const other = await signUp(baseUrl, "Other Org");
    const otherKey = await createKeyInPortal(baseUrl, other.cookie, "theirs");
    const mine = api(baseUrl, ownerKey.secret);
    const theirs = api(baseUrl, otherKey.secret);

    const theirList = await (await theirs("/api/v1/api-keys")).json();
    expect(theirList.items.map((key: { keyId: string }) => key.keyId)).toEqual([otherKey.keyId]);
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const response = await mine(`/api/v1/api-keys/${otherKey.keyId}`, {
        method,
        json: method === "PATCH" ? { name: "mine now" } : undefined,
      });
      expect(response.status, method).toBe(404);
    }
    const ownerRoleOfOther = await roleId(baseUrl, other.cookie, "Owner");
    const crossRole = await mine("/api/v1/api-keys", {
      method: "POST",
      json: { name: "cross", roleId: ownerRoleOfOther },
    });
    expect(crossRole.status).toBe(400);
    expect((await theirs("/api/v1/whoami")).status).toBe(200);
  });
});
