import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  actionId,
  actionJson,
  api,
  callAction,
  createKeyInPortal,
  roleId,
  signUp,
  type Session,
} from "../helpers/portal";

const baseUrl = inject("baseUrl");
type Result = { ok: boolean; error?: string };

// Server actions are public POST endpoints: each is called here raw, as an attacker would.
describe("API key server actions called directly", () => {
  let owner: Session;
  let intruder: Session;
  let key: { keyId: string; secret: string };
  let ownerRole: string;

  beforeAll(async () => {
    owner = await signUp(baseUrl, "Victim Org");
    intruder = await signUp(baseUrl, "Intruder Org");
    key = await createKeyInPortal(baseUrl, owner.cookie, "precious");
    ownerRole = await roleId(baseUrl, owner.cookie, "Owner");
  });

  async function keyStillIntact() {
    const whoami = await api(baseUrl, key.secret)("/api/v1/whoami");
    expect(whoami.status).toBe(200);
    expect((await whoami.json()).name).toBe("precious");
  }

  it("refuses every action without a session and changes nothing", async () => {
    const calls: [string, unknown][] = [
      ["createApiKeyAction", { name: "sneaky", roleId: ownerRole }],
      ["updateApiKeyAction", { keyId: key.keyId, name: "hijacked", roleId: ownerRole }],
      ["deleteApiKeyAction", { keyId: key.keyId }],
    ];
    for (const [name, input] of calls) {
      const result = await actionJson<Result>(await callAction(baseUrl, name, [input]));
      expect(result, name).toMatchObject({ ok: false, error: "Your session has ended. Sign in again." });
    }
    const list = await (await api(baseUrl, key.secret)("/api/v1/api-keys")).json();
    expect(list.items.map((item: { name: string }) => item.name)).toEqual(["precious"]);
    await keyStillIntact();
  });

  it("refuses another account's session: its Key IDs and roles are not found", async () => {
    const update = await actionJson<Result>(
      await callAction(
        baseUrl,
        "updateApiKeyAction",
        [{ keyId: key.keyId, name: "hijacked", roleId: ownerRole }],
        intruder.cookie,
      ),
    );
    expect(update.ok).toBe(false);
    const remove = await actionJson<Result>(
      await callAction(baseUrl, "deleteApiKeyAction", [{ keyId: key.keyId }], intruder.cookie),
    );
    expect(remove).toMatchObject({ ok: false, error: "No API key with this Key ID." });
    const create = await actionJson<Result>(
      await callAction(baseUrl, "createApiKeyAction", [{ name: "planted", roleId: ownerRole }], intruder.cookie),
    );
    expect(create.ok).toBe(false);
    await keyStillIntact();
  });

  it("refuses a forged session cookie", async () => {
    const forged = "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..forged.forged.forged";
    const result = await actionJson<Result>(
      await callAction(baseUrl, "deleteApiKeyAction", [{ keyId: key.keyId }], forged),
    );
    expect(result.ok).toBe(false);
    await keyStillIntact();
  });

  it("answers invalid input with field errors and writes nothing", async () => {
    const result = await actionJson<{ ok: false; fieldErrors: Record<string, string[]> }>(
      await callAction(baseUrl, "createApiKeyAction", [{ name: "", roleId: ownerRole }], owner.cookie),
    );
    expect(result.ok).toBe(false);
    expect(result.fieldErrors.name).toEqual(["Enter a name for the key."]);
    const list = await (await api(baseUrl, key.secret)("/api/v1/api-keys")).json();
    expect(list.total).toBe(1);
  });
});

// The portal's actions on users, groups, networks and vouchers: the same refusals.
describe("resource server actions called directly", () => {
  let owner: Session;
  let intruder: Session;
  let rest: ReturnType<typeof api>;
  const ids = { user: "", group: "", network: "", voucher: "" };

  beforeAll(async () => {
    owner = await signUp(baseUrl, "Resource Victim Org");
    intruder = await signUp(baseUrl, "Resource Intruder Org");
    const key = await createKeyInPortal(baseUrl, owner.cookie, "setup");
    rest = api(baseUrl, key.secret);
    const post = async (path: string, json: unknown) =>
      (await (await rest(path, { method: "POST", json })).json()) as never;
    ids.user = ((await post("/api/v1/users", { username: "precious" })) as { id: string }).id;
    ids.group = ((await post("/api/v1/groups", { name: "precious" })) as { id: string }).id;
    ids.network = ((await post("/api/v1/networks", { name: "precious", ssid: "PRECIOUS" })) as { id: string }).id;
    ids.voucher = (
      (await post("/api/v1/vouchers/batch", { count: 1, prefix: "KEEP", validitySeconds: 3600 })) as {
        items: { id: string }[];
      }
    ).items[0].id;
  });

  const attempts = (): [string, unknown][] => [
    ["createUserAction", { username: "planted" }],
    ["createGroupAction", { name: "planted" }],
    ["createNetworkAction", { name: "planted", ssid: "PLANTED" }],
    ["createVouchersAction", { count: 5, prefix: "PLANT", validitySeconds: 3600 }],
    ["updateUserAction", { id: ids.user, changes: { username: "hijacked" } }],
    ["updateGroupAction", { id: ids.group, changes: { name: "hijacked" } }],
    ["updateNetworkAction", { id: ids.network, changes: { name: "hijacked" } }],
    ["updateVoucherAction", { id: ids.voucher, changes: { usageLimit: 9999 } }],
    ["addGroupMemberAction", { groupId: ids.group, userId: ids.user, priority: 1 }],
    ["removeGroupMemberAction", { groupId: ids.group, userId: ids.user }],
    ["deleteUserAction", { id: ids.user }],
    ["deleteGroupAction", { id: ids.group }],
    ["deleteNetworkAction", { id: ids.network }],
    ["deleteVoucherAction", { id: ids.voucher }],
  ];

  async function everythingIntact() {
    for (const path of ["users", "groups", "networks"]) {
      const list = await (await rest(`/api/v1/${path}`)).json();
      expect(
        list.items.map((item: { name?: string; username?: string }) => item.name ?? item.username),
        path,
      ).toEqual(["precious"]);
    }
    const group = await (await rest(`/api/v1/groups/${ids.group}`)).json();
    expect(group.members).toEqual([]);
    const vouchers = await (await rest("/api/v1/vouchers")).json();
    expect(vouchers.items).toHaveLength(1);
    expect(vouchers.items[0]).toMatchObject({ id: ids.voucher, usageLimit: 1 });
  }

  it("refuses every action without a session and changes nothing", async () => {
    for (const [name, input] of attempts()) {
      const result = await actionJson<Result>(await callAction(baseUrl, name, [input], "", "/users"));
      expect(result, name).toMatchObject({ ok: false, error: "Your session has ended. Sign in again." });
    }
    await everythingIntact();
  });

  it("refuses another account's session: its ids are not found, and nothing is created here", async () => {
    for (const [name, input] of attempts()) {
      if (name.startsWith("create")) continue;
      const result = await actionJson<Result>(await callAction(baseUrl, name, [input], intruder.cookie, "/users"));
      expect(result.ok, name).toBe(false);
      expect(result.error, name).toMatch(
        /^No (user|group|network|voucher) with this id\.$|Check the highlighted fields\./,
      );
    }
    await everythingIntact();
  });

  it("answers invalid input with field errors, and creates through the same domain functions", async () => {
    const invalid = await actionJson<{ ok: false; fieldErrors: Record<string, string[]> }>(
      await callAction(
        baseUrl,
        "createVouchersAction",
        [{ count: 1001, validitySeconds: 3600 }],
        owner.cookie,
        "/vouchers",
      ),
    );
    expect(invalid.fieldErrors.count).toEqual(["At most 1000 vouchers at once."]);
    const batch = await actionJson<{ ok: true; vouchers: { code: string }[] }>(
      await callAction(
        baseUrl,
        "createVouchersAction",
        [{ count: 3, prefix: "OK", validitySeconds: 3600 }],
        owner.cookie,
        "/vouchers",
      ),
    );
    expect(batch.vouchers.map((voucher) => voucher.code)).toEqual([
      expect.stringMatching(/^OK-/),
      expect.stringMatching(/^OK-/),
      expect.stringMatching(/^OK-/),
    ]);
    const audit = await (await rest("/api/v1/audit-log?action=voucher.batch_create")).json();
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
  });
});

describe("sign-up", () => {
  it("checks the password length on the server and keeps the email unique", async () => {
    const form = new FormData();
    form.set("accountName", "Short");
    form.set("name", "Sam");
    form.set("email", "sam@example.com");
    form.set("password", "short");
    const result = await actionJson<{ ok: false; fieldErrors: Record<string, string[]> }>(
      await callAction(baseUrl, "signUpAction", [null, form], "", "/sign-up"),
    );
    expect(result.fieldErrors.password[0]).toMatch(/at least 12 characters/);

    const first = await signUp(baseUrl);
    const again = new FormData();
    again.set("accountName", "Dup");
    again.set("name", "Dup");
    again.set("email", first.email);
    again.set("password", "another long password");
    const duplicate = await actionJson<{ ok: false; fieldErrors: Record<string, string[]> }>(
      await callAction(baseUrl, "signUpAction", [null, again], "", "/sign-up"),
    );
    expect(duplicate.fieldErrors.email).toEqual([
      "This email already has a login. Enter its password to create another organisation with it, or sign in.",
    ]);
  });

  it("gives one of two sign-ups at once with the same new email the login, and tells the other on the email field", async () => {
    const email = `race-${Date.now()}@example.com`;
    const attempt = (accountName: string, password: string) => {
      const form = new FormData();
      for (const [key, value] of Object.entries({ accountName, name: "Racer", email, password })) form.set(key, value);
      return callAction(baseUrl, "signUpAction", [null, form], "", "/sign-up");
    };
    const responses = await Promise.all([
      attempt("Race One", "first racing password"),
      attempt("Race Two", "second racing password"),
    ]);
    const signedIn = responses.filter((response) =>
      response.headers.getSetCookie().some((value) => value.startsWith("authjs.session-token=")),
    );
    expect(signedIn).toHaveLength(1);
    await signedIn[0].text();
    const refused = await actionJson<{ ok: false; fieldErrors: Record<string, string[]> }>(
      responses.find((response) => !signedIn.includes(response))!,
    );
    expect(refused.fieldErrors.email[0]).toMatch(/already has a login/);
  });

  it("adds a new organisation to an existing login given its password, and refuses weak passwords with the reason", async () => {
    const first = await signUp(baseUrl, "First Org");
    const second = (accountName: string, password: string, email = first.email) => {
      const form = new FormData();
      for (const [key, value] of Object.entries({ accountName, name: "Ada Again", email, password }))
        form.set(key, value);
      return callAction(baseUrl, "signUpAction", [null, form], "", "/sign-up");
    };
    const wrong = await actionJson<{ ok: false; fieldErrors: Record<string, string[]> }>(
      await second("Second Org", "not the password at all"),
    );
    expect(wrong.fieldErrors.email[0]).toMatch(/already has a login/);
    const added = await second("Second Org", first.password);
    expect(added.headers.getSetCookie().some((value) => value.startsWith("authjs.session-token="))).toBe(true);
    for (const [weak, reason] of [
      ["password1234", /commonly used password/],
      ["aaaaaaaaaaaa", /Repeated characters/],
    ] as const) {
      const refused = await actionJson<{ ok: false; fieldErrors: Record<string, string[]> }>(
        await second("Weak Org", weak, `weak-${Date.now()}@example.com`),
      );
      expect(refused.fieldErrors.password[0]).toMatch(reason);
    }
  });

  it("gives a wrong email and a wrong password the same message", async () => {
    const account = await signUp(baseUrl);
    const messages = [];
    for (const [email, password] of [
      [account.email, "wrong password here"],
      ["nobody@example.com", account.password],
    ]) {
      const form = new FormData();
      form.set("email", email);
      form.set("password", password);
      messages.push(await actionJson<Result>(await callAction(baseUrl, "signInAction", [null, form], "", "/sign-in")));
    }
    expect(messages[0]).toEqual({ ok: false, error: "The email or password is wrong." });
    expect(messages[1]).toEqual(messages[0]);
  });
});

// Bodies and headers a browser would never send: the client's error (4xx), never a 500.
describe("malformed server action requests", () => {
  it("answers a body over 64 KiB with 413 and an unparsable Origin with 400, creating nothing", async () => {
    const owner = await signUp(baseUrl, "Oversize Org");
    const headers = {
      "Next-Action": actionId("createApiKeyAction"),
      "Content-Type": "text/plain;charset=UTF-8",
      Cookie: owner.cookie,
    };
    const big = JSON.stringify([{ name: "x".repeat(70 * 1024), roleId: await roleId(baseUrl, owner.cookie, "Owner") }]);
    const tooLarge = await fetch(`${baseUrl}/api-keys`, {
      method: "POST",
      headers: { ...headers, Origin: baseUrl },
      body: big,
    });
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.code).toBe("payload_too_large");
    const badOrigin = await fetch(`${baseUrl}/api-keys`, {
      method: "POST",
      headers: { ...headers, Origin: "http://[bad" },
      body: JSON.stringify([{ name: "sneaky", roleId: "x" }]),
    });
    expect(badOrigin.status).toBe(400);
    const key = await createKeyInPortal(baseUrl, owner.cookie, "only key");
    const list = await (await api(baseUrl, key.secret)("/api/v1/api-keys")).json();
    expect(list.total).toBe(1);
  });

  // A body sent in chunks has no Content-Length for the door to read: it is counted as it comes.
  it("answers a chunked body over 64 KiB with 413 and serves a chunked body under it", async () => {
    const owner = await signUp(baseUrl, "Chunked Org");
    const role = await roleId(baseUrl, owner.cookie, "Owner");
    const chunked = (body: string) =>
      fetch(`${baseUrl}/api-keys`, {
        method: "POST",
        headers: {
          "Next-Action": actionId("createApiKeyAction"),
          "Content-Type": "text/plain;charset=UTF-8",
          Accept: "text/x-component",
          Cookie: owner.cookie,
          Origin: baseUrl,
        },
        // A stream has no length: fetch sends it with Transfer-Encoding: chunked.
        body: new Blob([body]).stream(),
        duplex: "half",
      } as RequestInit);
    const tooLarge = await chunked(JSON.stringify([{ name: "x".repeat(70 * 1024), roleId: role }]));
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.code).toBe("payload_too_large");
    const small = await chunked(JSON.stringify([{ name: "chunked key", roleId: role }]));
    expect(small.status).toBe(200);
    expect(await actionJson<Result>(small)).toMatchObject({ ok: true });
    const key = await createKeyInPortal(baseUrl, owner.cookie, "second key");
    const list = await (await api(baseUrl, key.secret)("/api/v1/api-keys?sort=name")).json();
    expect(list.items.map((item: { name: string }) => item.name).sort()).toEqual(["chunked key", "second key"]);
  });

  it("answers an action id the build doesn't have with 404", async () => {
    const response = await fetch(`${baseUrl}/sign-in`, {
      method: "POST",
      headers: { "Next-Action": "7f" + "0".repeat(40), "Content-Type": "text/plain;charset=UTF-8", Origin: baseUrl },
      body: "[]",
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });
});
