import { randomUUID } from "node:crypto";
import { api, createKeyInPortal, signUp, type Session } from "./portal";

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
