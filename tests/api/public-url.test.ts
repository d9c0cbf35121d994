import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newAccount, roleNamed } from "../helpers/account";
import { callAction, signIn, signUp, TEST_PASSWORD } from "../helpers/portal";
import { startServer, type RunningServer } from "../helpers/server";

// Every absolute URL the portal hands out is on its public origin: APP_URL when set,
// else (local use) the origin the request was sent to, never Next's own localhost:<port>,
// and never a host named in X-Forwarded-Host by anyone but a trusted proxy. A password
// reset link, which anyone may have mailed to someone else, comes from APP_URL alone.
const APP_URL = "https://portal.example.com";
let withAppUrl: RunningServer;
let behindProxy: RunningServer;
let plain: RunningServer;

beforeAll(async () => {
  [withAppUrl, behindProxy, plain] = await Promise.all([
    startServer(3313, { APP_URL }),
    startServer(3314, { TRUSTED_PROXIES: "127.0.0.1" }),
    startServer(3317),
  ]);
}, 60_000);

afterAll(async () => {
  await withAppUrl?.stop();
  await behindProxy?.stop();
  await plain?.stop();
});

// fetch() sends its own Host header; node:http sends the one given.
function getWithHost(url: string, host: string, cookie = "", headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { Host: host, Cookie: cookie, ...headers } }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

// Runs in the embedded-database project only (vitest.config.mts): no database is involved.
describe("the public URL", () => {
  it("is APP_URL for next-auth's endpoints and redirects, whatever the Host", async () => {
    const providers = JSON.parse(await getWithHost(`${withAppUrl.url}/api/auth/providers`, "internal:9999"));
    expect(providers.credentials.signinUrl).toBe(`${APP_URL}/api/auth/signin/credentials`);
    expect(providers.credentials.callbackUrl).toBe(`${APP_URL}/api/auth/callback/credentials`);
    const signIn = await fetch(`${withAppUrl.url}/api/auth/signin`, { redirect: "manual" });
    const location = new URL(signIn.headers.get("location")!, APP_URL);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe(APP_URL);
  });

  it("turns on HSTS and upgrade-insecure-requests when APP_URL is https", async () => {
    const page = await fetch(`${withAppUrl.url}/sign-in`);
    expect(page.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("turns on HSTS when a trusted proxy says the request came over https, and only then", async () => {
    const https = { "X-Forwarded-Proto": "https" };
    const hsts = async (url: string, headers = {}) =>
      (await fetch(`${url}/sign-in`, { headers })).headers.get("strict-transport-security");
    expect(await hsts(behindProxy.url, https)).toMatch(/^max-age=\d+/);
    expect(await hsts(behindProxy.url)).toBeNull();
    expect(await hsts(plain.url, https)).toBeNull(); // no TRUSTED_PROXIES: anyone could send that header
  });

  it("is the request's own origin without APP_URL, for next-auth and the curl example", async () => {
    const host = "portal.local:1234";
    const providers = JSON.parse(await getWithHost(`${plain.url}/api/auth/providers`, host));
    expect(providers.credentials.signinUrl).toBe(`http://${host}/api/auth/signin/credentials`);
    const { cookie } = await signUp(plain.url);
    expect(await getWithHost(`${plain.url}/api-keys`, host, cookie)).toContain(`http://${host}/api/v1/whoami`);
  });

  it("ignores X-Forwarded-Host and -Proto from a peer that is not a trusted proxy", async () => {
    const forged = { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" };
    const host = "portal.local:1234";
    const providers = JSON.parse(await getWithHost(`${plain.url}/api/auth/providers`, host, "", forged));
    expect(providers.credentials.signinUrl).toBe(`http://${host}/api/auth/signin/credentials`);
    const format = await (await fetch(`${plain.url}/.well-known/api-key-format`, { headers: forged })).json();
    expect(format.reportTo).toBe(`${plain.url}/api/v1/leaked-keys`);

    const { owner, session } = await newAccount(plain.url);
    const keysPage = await (
      await fetch(`${plain.url}/api-keys`, { headers: { ...forged, Cookie: session.cookie } })
    ).text();
    expect(keysPage).toContain(`${plain.url}/api/v1/whoami`);
    expect(keysPage).not.toContain("evil.example");
    const readOnly = await roleNamed(owner, "Read Only");
    const invited = await owner("/api/v1/team", {
      method: "POST",
      headers: forged,
      json: { name: "Member", email: `m-${Date.now()}@example.com`, roleId: readOnly.id },
    });
    expect((await invited.json()).invitationUrl).toMatch(new RegExp(`^${plain.url}/invite/`));

    // next-auth's own redirects after signing in and out through the forms' actions.
    const signedIn = await signIn(plain.url, session.email, session.password, forged);
    expect(signedIn.cookie).not.toBeNull();
    const signedOut = await callAction(plain.url, "signOutAction", [], signedIn.cookie!, "/api-keys", forged);
    for (const response of [signedIn.response, signedOut]) {
      const redirect = `${response.headers.get("location")} ${response.headers.get("x-action-redirect")}`;
      expect(redirect).not.toContain("evil.example");
    }
  });

  it('builds a "Forgot password?" link from APP_URL alone, never from a Host a trusted proxy passes on', async () => {
    const askForLink = async (server: RunningServer, headers: Record<string, string> = {}) => {
      // A login through the sign-up form (its session cookie is not needed: on an https
      // APP_URL it is a __Secure- cookie, which signUp() doesn't look for).
      const email = `forgetful-${Date.now()}@example.com`;
      const signUpForm = new FormData();
      for (const [name, value] of Object.entries({
        accountName: "Forgetful",
        name: "Fay",
        email,
        password: TEST_PASSWORD,
      }))
        signUpForm.set(name, value);
      await (await callAction(server.url, "signUpAction", [null, signUpForm], "", "/sign-up")).text();
      const form = new FormData();
      form.set("email", email);
      await callAction(server.url, "requestPasswordResetAction", [null, form], "", "/forgot-password", headers);
    };
    // Without SMTP_URL each link is in the log (and DATA_DIR/mail/), the point of that mode.
    const link = /Links: (\S+)\/reset-password\/[\w-]{43}/;
    await askForLink(withAppUrl);
    await expect.poll(() => link.exec(withAppUrl.output())?.[1], { timeout: 15_000 }).toBe(APP_URL);
    // Without APP_URL: the address the server gives when it is ready, not the proxy's host.
    await askForLink(behindProxy, { "X-Forwarded-Host": "portal.example.org", Origin: "http://portal.example.org" });
    const port = new URL(behindProxy.url).port;
    await expect.poll(() => link.exec(behindProxy.output())?.[1], { timeout: 15_000 }).toBe(`http://localhost:${port}`);
  });

  it("warns loudly when a peer outside TRUSTED_PROXIES forwards clients (a proxy left unlisted), in the log and on /api/ready", async () => {
    expect(withAppUrl.output()).toContain("WARNING: APP_URL is https but TRUSTED_PROXIES is empty");
    expect(plain.output()).not.toContain("APP_URL is https");
    expect(
      await (await fetch(`${behindProxy.url}/api/ready`, { headers: { "X-Forwarded-For": "203.0.113.9" } })).json(),
    ).toEqual({
      status: "ready",
      rateLimitStore: { kind: "memory" },
    });
    await fetch(`${plain.url}/api/health`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    const ready = await (await fetch(`${plain.url}/api/ready`)).json();
    expect(ready.status).toBe("ready");
    expect(ready.warnings).toEqual([
      expect.stringMatching(/^127\.0\.0\.1 sends X-Forwarded-For but is not in TRUSTED_PROXIES/),
    ]);
    await expect.poll(() => plain.output()).toMatch(/WARNING: 127\.0\.0\.1 sends X-Forwarded-For/);
    expect(plain.output().match(/WARNING: 127\.0\.0\.1 sends/g)).toHaveLength(1);
  });

  it("takes X-Forwarded-Host and -Proto from a trusted proxy", async () => {
    const proxied = { "X-Forwarded-Host": "portal.example.org", "X-Forwarded-Proto": "https" };
    const providers = await (await fetch(`${behindProxy.url}/api/auth/providers`, { headers: proxied })).json();
    expect(providers.credentials.signinUrl).toBe("https://portal.example.org/api/auth/signin/credentials");
  });
});
