import { callAction, sessionCookie } from "./portal";

// Single sign-on by raw HTTP, as a browser does it: "Continue with SSO" (the form's server
// action), the provider's authorization endpoint and its sign-in page (tests/helpers/oidc.ts),
// its redirect back to the portal's callback, and the portal's redirect into the portal.
// `idpEmail`: who signs in at the provider (default: the email typed into the portal).
export type SsoOutcome =
  { cookie: string; location: string } | { cookie: null; error: string; location: string | null; actionError?: string };

export async function ssoSignIn(baseUrl: string, email: string, idpEmail = email): Promise<SsoOutcome> {
  const form = new FormData();
  form.set("email", email);
  const start = await callAction(baseUrl, "startSsoSignInAction", [null, form], "", "/sign-in/sso");
  const body = await start.text();
  const redirect = start.headers.get("x-action-redirect")?.split(";")[0];
  if (!redirect) return { cookie: null, error: "action", location: null, actionError: body };
  const flowCookie = start.headers
    .getSetCookie()
    .find((value) => value.startsWith("wisp-sso="))
    ?.split(";")[0];
  const idpCookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const at = pair.indexOf("=");
      idpCookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const idpCookie = () => [...idpCookies].map(([name, value]) => `${name}=${value}`).join("; ");
  let url = redirect;
  let response = await fetch(url, { redirect: "manual" });
  // At the provider: its redirects to the sign-in page, the sign-in, and back to the portal.
  for (let hops = 0; hops < 10 && !url.startsWith(baseUrl); hops++) {
    keep(response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no sign-in form at the provider: ${html.slice(0, 200)}`);
      response = await fetch(new URL(action, url), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: idpCookie() },
        body: new URLSearchParams({ email: idpEmail }),
        redirect: "manual",
      });
      continue;
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    await response.body?.cancel();
    url = new URL(location, url).toString();
    if (url.startsWith(baseUrl)) break;
    response = await fetch(url, { headers: { Cookie: idpCookie() }, redirect: "manual" });
  }
  const callback = await fetch(url, { headers: { Cookie: flowCookie ?? "" }, redirect: "manual" });
  await callback.body?.cancel();
  const location = callback.headers.get("location");
  const cookie = sessionCookie(callback);
  if (cookie) return { cookie, location: location ?? "" };
  const error = location
    ? (new URL(location, baseUrl).searchParams.get("error") ?? "none")
    : `status ${callback.status}`;
  return { cookie: null, error, location };
}
