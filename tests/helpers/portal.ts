import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { appendFileSync } from "node:fs";
import { actionResult, findProp } from "./flight";
import { linkTokenIn, waitForVerificationMail } from "./verification-mail";

// Every key secret and one-time password the server hands the tests is written down, so
// the suite's teardown can prove none of them ever reached the server's log.
const SECRET_PATTERNS = [/wisp_[0-9A-Za-z]{38}/g, /whsec_[0-9A-Za-z+/=]{32}/g, /"initialPassword":"([^"]+)"/g];

// Outside vitest (the bench signs up and creates keys with these helpers too) there is
// nothing to record, and vitest can't be loaded there.
const injected = process.env.VITEST ? import("vitest").then((vitest) => vitest.inject) : undefined;

export async function rememberSecrets(text: string, extra: string[] = []): Promise<void> {
  const file = injected && (await injected)("secretsFile");
  if (!file) return;
  const found = SECRET_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? match[0]));
  found.push(...extra);
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
export async function callAction(
  baseUrl: string,
  name: string,
  args: unknown[],
  cookie = "",
  page = "/api-keys",
  headers: Record<string, string> = {},
) {
  const response = await fetch(baseUrl + page, {
    method: "POST",
    headers: { "Next-Action": actionId(name), Accept: "text/x-component", Cookie: cookie, Origin: baseUrl, ...headers },
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

// A new account through the sign-up form's own server action; returns its session, whose
// new login has confirmed its email from the mail (unless `confirm: false`).
export async function signUp(
  baseUrl: string,
  accountName = `Acme ${randomUUID().slice(0, 6)}`,
  options: { confirm?: boolean; email?: string; password?: string } = {},
): Promise<Session> {
  const email = options.email ?? `owner-${randomUUID()}@example.com`;
  const password = options.password ?? TEST_PASSWORD;
  const form = new FormData();
  form.set("accountName", accountName);
  form.set("name", "Ada Owner");
  form.set("email", email);
  form.set("password", password);
  await rememberSecrets(`"initialPassword":"${password}"`);
  const response = await callAction(baseUrl, "signUpAction", [null, form], "", "/sign-up");
  const cookie = sessionCookie(response);
  // Read to the end: the server renders the page it redirects to into this body, and an
  // unread body would leave that render (and its "last seen" write) running later.
  const body = await response.text();
  if (!cookie) throw new Error(`sign-up failed: ${response.status} ${body.slice(0, 300)}`);
  if (options.confirm !== false) await confirmEmailIfAsked(baseUrl, response, cookie, email);
  return { cookie, email, password };
}

// A new login lands on "Check your email": it confirms the way a person does, by the link
// in the mail the server sent (wherever it went: verification-mail.ts). The link's button
// answers with a plain result where the code would render the next page: the quick way,
// for the many accounts tests make (tests/api/email-verification.test.ts tries the code).
export async function confirmEmailIfAsked(baseUrl: string, response: Response, cookie: string, email?: string) {
  if (!response.headers.get("x-action-redirect")?.includes("/verify-email")) return;
  await confirmEmail(baseUrl, cookie, email);
}

// `seen`: Message-IDs of older verification mails to the same address (another claim's).
export async function confirmEmail(baseUrl: string, cookie: string, email?: string, seen: string[] = []) {
  const address = email ?? (await signedInEmail(baseUrl, cookie));
  const mail = await waitForVerificationMail(address, seen);
  const token = linkTokenIn(mail);
  await rememberSecrets("", [token]);
  const response = await callAction(baseUrl, "confirmEmailLinkAction", [{ token }], "", `/verify-email/${token}`);
  const result = await actionJson<{ ok: boolean; error?: string }>(response);
  if (!result.ok) throw new Error(`confirming ${address} failed: ${result.error}`);
}

// The email of a session on "Check your email", as that page shows it.
async function signedInEmail(baseUrl: string, cookie: string): Promise<string> {
  const response = await fetch(`${baseUrl}/verify-email`, { headers: { Cookie: cookie, RSC: "1" } });
  const email = findProp<string>(await response.text(), "email");
  if (!email) throw new Error("no email on the verify-email page");
  return email;
}

export const TEST_PASSWORD = "correct horse battery staple";

// Signs in through the sign-in form's server action; the session cookie, or null.
// `headers` lets a test speak from another client address (X-Forwarded-For, with the
// test server's TRUSTED_PROXIES).
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ cookie: string | null; response: Response }> {
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  const response = await callAction(baseUrl, "signInAction", [null, form], "", "/sign-in", headers);
  const cookie = sessionCookie(response);
  if (!cookie) return { cookie, response };
  // Read to the end (see signUp), and hand back a response whose body is still readable.
  const body = await response.text();
  return { cookie, response: new Response(body, { status: response.status, headers: response.headers }) };
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
