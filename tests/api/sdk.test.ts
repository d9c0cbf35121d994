import { readFileSync } from "node:fs";
import path from "node:path";
import { createWispClient, ok, WispApiError, WispNetworkError, type WispClient } from "@wisp-portal/sdk";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { newAccount, type TestAccount } from "../helpers/account";
import { from, newClientAddress } from "../helpers/clock";
import { rememberSecrets } from "../helpers/portal";
import { closedPortUrl, ROOT } from "../helpers/server";
import { schemaTypes } from "../../sdk/scripts/schema-types";

// The SDK (sdk/) against the running server: a key's whole life through its typed client,
// and its errors as typed exceptions.
const baseUrl = inject("baseUrl");

let account: TestAccount;
let owner: WispClient;
let readOnlyRoleId: string;

// A client with `secret`, from a client address of its own (its failed key checks count
// against no other test), that writes down every secret the server hands it.
function client(secret: string | undefined, address = newClientAddress()): WispClient {
  return createWispClient({
    baseUrl,
    apiKey: secret,
    headers: from(address),
    fetch: async (request) => {
      const response = await fetch(request);
      await rememberSecrets(await response.clone().text());
      return response;
    },
  });
}

async function refusal(call: Promise<unknown>): Promise<WispApiError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WispApiError);
  return error as WispApiError;
}

beforeAll(async () => {
  account = await newAccount(baseUrl, "SDK Org");
  owner = client(account.ownerKey.secret);
  const roles = await ok(owner.GET("/api/v1/roles", { params: { query: { pageSize: 100 } } }));
  readOnlyRoleId = roles.items.find((role) => role.name === "Read Only")!.id;
});

describe("the generated client", () => {
  it("is what the served OpenAPI document generates (the committed file is current)", async () => {
    const document = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json();
    const committed = readFileSync(path.join(ROOT, "sdk/src/generated/schema.ts"), "utf8");
    expect(await schemaTypes(document)).toBe(committed);
  });
});

describe("a key's life through the SDK", () => {
  it("creates, reads, updates, rolls, disables, enables and deletes a key", async () => {
    const created = await ok(
      owner.POST("/api/v1/api-keys", { body: { name: "sdk key", roleId: readOnlyRoleId, ipAllowlist: [] } }),
    );
    expect(created).toMatchObject({ name: "sdk key", role: { name: "Read Only" }, state: "active" });
    const keyPath = { params: { path: { keyId: created.keyId } } };
    const asCreated = client(created.secret);
    expect(await ok(asCreated.GET("/api/v1/whoami"))).toMatchObject({
      keyId: created.keyId,
      role: { name: "Read Only" },
    });

    const renamed = await ok(owner.PATCH("/api/v1/api-keys/{keyId}", { ...keyPath, body: { name: "sdk key 2" } }));
    expect(renamed.name).toBe("sdk key 2");
    expect((await ok(owner.GET("/api/v1/api-keys/{keyId}", keyPath))).name).toBe("sdk key 2");

    const rolled = await ok(owner.POST("/api/v1/api-keys/{keyId}/roll", { ...keyPath, body: { gracePeriod: "now" } }));
    expect(rolled.keyId).toBe(created.keyId);
    expect(rolled.secret).not.toBe(created.secret);
    expect((await refusal(ok(asCreated.GET("/api/v1/whoami")))).status).toBe(401);
    const asRolled = client(rolled.secret);
    expect((await ok(asRolled.GET("/api/v1/whoami"))).keyId).toBe(created.keyId);

    const disabled = await ok(owner.PATCH("/api/v1/api-keys/{keyId}", { ...keyPath, body: { enabled: false } }));
    expect(disabled.state).toBe("disabled");
    const refused = await refusal(ok(asRolled.GET("/api/v1/whoami")));
    expect(refused).toMatchObject({ status: 401, code: "unauthorized" });

    const enabled = await ok(owner.PATCH("/api/v1/api-keys/{keyId}", { ...keyPath, body: { enabled: true } }));
    expect(enabled.state).toBe("active");
    expect((await ok(asRolled.GET("/api/v1/whoami"))).keyId).toBe(created.keyId);

    expect(await ok(owner.DELETE("/api/v1/api-keys/{keyId}", keyPath))).toBeUndefined();
    const gone = await refusal(ok(owner.GET("/api/v1/api-keys/{keyId}", keyPath)));
    expect(gone).toMatchObject({ status: 404, code: "not_found", message: "No API key with this Key ID." });
    expect((await refusal(ok(asRolled.GET("/api/v1/whoami")))).status).toBe(401);
  });

  it("answers { data } or { error } as openapi-fetch does, without ok()", async () => {
    const { data, error, response } = await owner.GET("/api/v1/api-keys/{keyId}", {
      params: { path: { keyId: "key_0000000000000000" } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.error.code).toBe("not_found");
  });
});

describe("errors as typed exceptions", () => {
  it("a refused body: status, code, message and field errors", async () => {
    const invalid = await refusal(
      ok(owner.POST("/api/v1/api-keys", { body: { name: "", roleId: readOnlyRoleId, expiresAt: "tomorrow" } })),
    );
    expect(invalid).toMatchObject({ status: 400, code: "validation_failed" });
    expect(Object.keys(invalid.fieldErrors).sort()).toEqual(["expiresAt", "name"]);
    expect(invalid.fieldErrors.name).toEqual(["Enter a name for the key."]);
  });

  it("a key the server doesn't know: 401, and nothing about why", async () => {
    const refused = await refusal(ok(client("wisp_notakey").GET("/api/v1/whoami")));
    expect(refused).toMatchObject({ status: 401, code: "unauthorized", retryAfter: null });
  });

  it("a key whose role may not do it: 403 forbidden", async () => {
    const readOnly = await ok(owner.POST("/api/v1/api-keys", { body: { name: "reader", roleId: readOnlyRoleId } }));
    const refused = await refusal(
      ok(client(readOnly.secret).POST("/api/v1/api-keys", { body: { name: "x", roleId: readOnlyRoleId } })),
    );
    expect(refused).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("no answer at all: WispNetworkError naming the address", async () => {
    const nowhere = await closedPortUrl();
    const error = await createWispClient({ baseUrl: nowhere, apiKey: "wisp_x" })
      .GET("/api/v1/whoami")
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(WispNetworkError);
    expect((error as Error).message).toBe(`Could not reach ${nowhere}: the connection was refused.`);
  });

  it("refuses a key with a line break before sending it", () => {
    expect(() => createWispClient({ baseUrl, apiKey: "wisp_x\n" })).toThrow(/line breaks/);
  });
});
