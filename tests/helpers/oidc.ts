import http, { type IncomingMessage, type ServerResponse } from "node:http";
import Provider from "oidc-provider";

// A real OpenID provider (the `oidc-provider` package, as identity providers in production
// are built on), on loopback, for the single sign-on tests. Its sign-in page is one field:
// the email the provider then vouches for (its ID token's and userinfo's `email`), so a
// test chooses who signs in. An email starting with "unverified" gets email_verified=false.
// Consent is granted with the sign-in.
export type TestClient = { client_id: string; client_secret: string; redirect_uris: string[] };
export type TestIdp = { issuer: string; stop: () => Promise<void> };

export async function startOidcProvider(port: number, clients: TestClient[]): Promise<TestIdp> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({ ...client, grant_types: ["authorization_code"], response_types: ["code"] })),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["test-only-oidc-cookie-key"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, email: id, email_verified: !id.startsWith("unverified"), name: "Sam Sso" }),
    }),
  });
  if (process.env.OIDC_DEBUG)
    provider.on("grant.error", (_ctx: unknown, error: { error_description?: string; error_detail?: string }) =>
      console.error("idp grant.error", error.error_description, error.error_detail),
    );
  const server = http.createServer((request, response) => {
    if (request.url === "/favicon.ico") return void response.writeHead(204).end();
    if (request.url?.startsWith("/interaction/")) {
      interaction(provider, request, response).catch((error: Error) => {
        response.statusCode = 500;
        response.end(error.message);
      });
      return;
    }
    provider.callback()(request, response);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped package
async function interaction(provider: any, request: IncomingMessage, response: ServerResponse) {
  const details = await provider.interactionDetails(request, response);
  if (request.method === "GET") {
    const hint = String(details.params.login_hint ?? "");
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.end(
      `<!doctype html><html lang="en"><title>Test identity provider</title><main><h1>Test identity provider</h1>` +
        `<form method="post" action="/interaction/${details.uid}"><label for="email">Email</label>` +
        `<input id="email" name="email" value="${hint.replace(/[^a-zA-Z0-9@._+-]/g, "")}">` +
        `<button type="submit">Sign in</button></form></main></html>`,
    );
    return;
  }
  let body = "";
  for await (const chunk of request) body += chunk;
  const email = new URLSearchParams(body).get("email") ?? "";
  const grant = new provider.Grant({ accountId: email, clientId: details.params.client_id });
  grant.addOIDCScope("openid email profile");
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: email }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}
