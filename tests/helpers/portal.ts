import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { appendFileSync } from "node:fs";
import { actionResult, findProp } from "./flight";

// Every key secret and one-time password the server hands the tests is written down, so
// the suite's teardown can prove none of them ever reached the server's log.
const SECRET_PATTERNS = [/wisp_[0-9A-Za-z]{38}/g, /"initialPassword":"([^"]+)"/g];

// Outside vitest (the bench signs up and creates keys with these helpers too) there is
// nothing to record, and vitest can't be loaded there.
const injected = process.env.VITEST ? import("vitest").then((vitest) => vitest.inject) : undefined;

export async function rememberSecrets(text: string): Promise<void> {
  const file = injected && (await injected)("secretsFile");
  if (!file) return;
  const found = SECRET_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? match[0]));
  if (found.length > 0) appendFileSync(file, found.join("\n") + "\n");
}

const root = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
// React's own encoder for server action arguments, as the browser uses it.
const flightClient = require(
  path.join(root, "node_modules/next/dist/compiled/react-server-dom-turbopack/client.node.js"),
) as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

type Manifest = { node: Record<string, { exportedName: string }> };

export function actionId(name: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!entry) throw new Error(`no server action named ${name} in the build`);
  return entry[0];
}

// POSTs to a server action exactly as the browser does: a raw request, any cookie.
export async function callAction(baseUrl: string, name: string, args: unknown[], cookie = "", page = "/api-keys") {
  const response = await fetch(baseUrl + page, {
    method: "POST",
    headers: { "Next-Action": actionId(name), Accept: "text/x-component", Cookie: cookie, Origin: baseUrl },
    body: await flightClient.encodeReply(args),
    redirect: "manual",
  });
  await rememberSecrets(await response.clone().text());
  return response;
}

export async function actionJson<T>(response: Response): Promise<T> {
  return actionResult<T>(await response.text());
}

export type Session = { cookie: string; email: string; password: string };

// A new account through the sign-up form's own server action; returns its session.
export async function signUp(baseUrl: string, accountName = `Acme ${randomUUID().slice(0, 6)}`): Promise<Session> {
  const email = `owner-${randomUUID()}@example.com`;
  const password = "correct horse battery staple";
  const form = new FormData();
  form.set("accountName", accountName);
  form.set("name", "Ada Owner");
  form.set("email", email);
  form.set("password", password);
  await rememberSecrets(`"initialPassword":"${password}"`);
  const response = await callAction(baseUrl, "signUpAction", [null, form], "", "/sign-up");
  const cookie = sessionCookie(response);
  if (!cookie) throw new Error(`sign-up failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return { cookie, email, password };
}

// Signs in through the sign-in form's own server action; returns the session cookie.
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  const cookie = sessionCookie(await callAction(baseUrl, "signInAction", [null, form], "", "/sign-in"));
  if (!cookie) throw new Error(`could not sign in as ${email}`);
  return cookie;
}

export function sessionCookie(response: Response): string | null {
  const token = response.headers.getSetCookie().find((value) => value.startsWith("authjs.session-token="));
  return token ? token.split(";")[0] : null;
}

export type Role = { id: string; name: string };

// The roles the API Keys page offers, read from its server-rendered props.
export async function rolesOf(baseUrl: string, cookie: string): Promise<Role[]> {
  const response = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: cookie, RSC: "1" } });
  const roles = findProp<Role[]>(await response.text(), "roles");
  if (!roles) throw new Error("no roles on the API Keys page");
  return roles;
}

export async function roleId(baseUrl: string, cookie: string, name: string): Promise<string> {
  const role = (await rolesOf(baseUrl, cookie)).find((candidate) => candidate.name === name);
  if (!role) throw new Error(`no role named ${name}`);
  return role.id;
}

type CreatedKey = { ok: true; key: { keyId: string; name: string }; secret: string };

export async function createKeyInPortal(baseUrl: string, cookie: string, name: string, role = "Owner") {
  const response = await callAction(
    baseUrl,
    "createApiKeyAction",
    [{ name, roleId: await roleId(baseUrl, cookie, role) }],
    cookie,
  );
  const result = await actionJson<CreatedKey | { ok: false; error: string }>(response);
  if (!result.ok) throw new Error(`create key failed: ${result.error}`);
  return { keyId: result.key.keyId, secret: result.secret };
}

export function api(baseUrl: string, secret?: string) {
  return async (pathname: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (secret) headers.set("Authorization", `Bearer ${secret}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(init.json);
    }
    const response = await fetch(baseUrl + pathname, { ...init, headers, body });
    await rememberSecrets(await response.clone().text());
    return response;
  };
}
