import { randomUUID } from "node:crypto";
import {
  actionJson,
  api,
  callAction,
  confirmEmailIfAsked,
  createKeyInPortal,
  sessionCookie,
  signUp,
  type Session,
} from "./portal";

export type Call = ReturnType<typeof api>;
export type TestAccount = { session: Session; owner: Call; ownerKey: { keyId: string; secret: string } };

// A fresh account with an Owner key, made through the app's own sign-up and key paths.
export async function newAccount(baseUrl: string, name?: string): Promise<TestAccount> {
  const session = await signUp(baseUrl, name);
  const ownerKey = await createKeyInPortal(baseUrl, session.cookie, "owner key");
  return { session, ownerKey, owner: api(baseUrl, ownerKey.secret) };
}

export async function expectJson<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text.slice(0, 400)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function createRole(
  call: Call,
  permissions: Record<string, string>,
  name = `Role ${randomUUID().slice(0, 8)}`,
) {
  return expectJson<{ id: string; name: string }>(
    await call("/api/v1/roles", { method: "POST", json: { name, permissions } }),
    201,
  );
}

export async function createKeyWithRole(baseUrl: string, owner: Call, roleId: string, name = "test key") {
  const key = await expectJson<{ keyId: string; secret: string }>(
    await owner("/api/v1/api-keys", { method: "POST", json: { name, roleId } }),
    201,
  );
  return { ...key, call: api(baseUrl, key.secret) };
}

// A role of the account by name, as the API lists it (e.g. the built-in "Owner" or "Read Only").
export async function roleNamed<T extends { id: string; name: string } = { id: string; name: string }>(
  call: Call,
  name: string,
): Promise<T> {
  const { items } = await expectJson<{ items: T[] }>(await call("/api/v1/roles?pageSize=100"), 200);
  const role = items.find((candidate) => candidate.name === name);
  if (!role) throw new Error(`no role named ${name}`);
  return role;
}

export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export type InvitedMember = { id: string; email: string; invitationUrl: string; status: string };
export type JoinedMember = InvitedMember & { cookie: string; password: string };

// Invites a member through the API (POST /api/v1/team) and returns the show-once link.
export async function invite(owner: Call, roleId: string, email = `${unique("m")}@example.com`, name = "Member") {
  return expectJson<InvitedMember>(await owner("/api/v1/team", { method: "POST", json: { name, email, roleId } }), 201);
}

// Opens an invitation link as its person would and accepts it with `password` (a new
// login's password, or the existing login's); returns the signed-in session cookie. A new
// login confirms its email from the mail, unless `confirm` is false (`email`, the invited
// address, saves looking it up).
export async function acceptInvitation(
  baseUrl: string,
  invitationUrl: string,
  password: string,
  cookie = "",
  { confirm = true, email }: { confirm?: boolean; email?: string } = {},
) {
  const token = new URL(invitationUrl).pathname.split("/").pop()!;
  const response = await callAction(
    baseUrl,
    "acceptInvitationAction",
    [cookie ? { token } : { token, password }],
    cookie,
    `/invite/${token}`,
  );
  const signedIn = sessionCookie(response);
  if (signedIn || response.headers.get("x-action-redirect")) {
    await response.text(); // read to the end: see signUp in portal.ts
    if (signedIn && confirm) await confirmEmailIfAsked(baseUrl, response, signedIn, email);
    return { cookie: signedIn ?? cookie, response };
  }
  return {
    cookie: null,
    result: await actionJson<{ ok: boolean; error?: string; fieldErrors?: Record<string, string[]> }>(response),
  };
}

// A new person invited with `roleId` who accepted: their member id, email and session.
export async function addMember(baseUrl: string, owner: Call, roleId: string, name = "Member"): Promise<JoinedMember> {
  const invited = await invite(owner, roleId, undefined, name);
  const password = `violet kettle ${randomUUID().slice(0, 8)} marmalade`;
  const accepted = await acceptInvitation(baseUrl, invited.invitationUrl, password, "", { email: invited.email });
  if (!accepted.cookie) throw new Error(`accepting the invitation failed: ${JSON.stringify(accepted)}`);
  return { ...invited, password, cookie: accepted.cookie };
}
