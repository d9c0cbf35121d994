import "server-only";
import * as oidc from "openid-client";
import { config } from "@/lib/config";
import { OutboundRefused, outboundFetch } from "@/lib/http/outbound-fetch";

// The OpenID Connect relying party, with openid-client (on oauth4webapi, the library
// next-auth's own OAuth code is built on): discovery from the issuer's
// /.well-known/openid-configuration, the authorization code flow with PKCE (S256), state
// and nonce, and the ID token checked for issuer, audience, expiry and nonce. Every request
// to the provider goes through outboundFetch, which refuses private networks unless
// SSO_ALLOW_PRIVATE_NETWORKS=1 (which also allows a plain http:// issuer).
export type SsoProblem = "unreachable" | "blocked" | "misconfigured" | "denied" | "invalid_response";

export class SsoProviderError extends Error {
  constructor(
    readonly problem: SsoProblem,
    detail: string,
  ) {
    super(detail);
    this.name = "SsoProviderError";
  }
}

export type Provider = { issuer: string; clientId: string; clientSecret: string | null };

export type Claims = { sub: string; email: string | null; emailVerified: boolean | null; name: string | null };

const TIMEOUT_SECONDS = 5;

async function configure(provider: Provider): Promise<oidc.Configuration> {
  if (!provider.clientSecret) {
    throw new SsoProviderError("misconfigured", "the stored client secret can't be read (AUTH_SECRET changed?)");
  }
  const allowPrivate = config.ssoAllowPrivateNetworks;
  try {
    const configuration = await oidc.discovery(
      new URL(provider.issuer),
      provider.clientId,
      undefined,
      oidc.ClientSecretBasic(provider.clientSecret),
      {
        [oidc.customFetch]: outboundFetch({ allowPrivateNetworks: allowPrivate, timeoutMs: TIMEOUT_SECONDS * 1000 }),
        execute: allowPrivate ? [oidc.allowInsecureRequests] : [],
        timeout: TIMEOUT_SECONDS,
      },
    );
    return configuration;
  } catch (error) {
    throw classify(error, "misconfigured");
  }
}

// Where to send the browser, and what the callback must check.
export async function beginAuthorization(provider: Provider, redirectUri: string, loginHint: string) {
  const configuration = await configure(provider);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    login_hint: loginHint,
  });
  return { url: url.toString(), verifier, state, nonce };
}

// The provider's answer at the callback: the code exchanged for tokens, the ID token
// checked, and the person's claims (from the userinfo endpoint when the ID token carries
// no email, as strictly conforming providers do).
export async function finishAuthorization(
  provider: Provider,
  callbackUrl: URL,
  checks: { verifier: string; state: string; nonce: string },
): Promise<Claims> {
  const configuration = await configure(provider);
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    let claims: Record<string, unknown> = idToken;
    if (typeof idToken.email !== "string") {
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      claims = { ...info, ...idToken, email: info.email, email_verified: info.email_verified };
    }
    return {
      sub: idToken.sub,
      email: typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null,
      emailVerified: typeof claims.email_verified === "boolean" ? claims.email_verified : null,
      name: typeof claims.name === "string" ? claims.name : null,
    };
  } catch (error) {
    throw classify(error, "invalid_response");
  }
}

function classify(error: unknown, fallback: SsoProblem): SsoProviderError {
  if (error instanceof SsoProviderError) return error;
  if (error instanceof oidc.AuthorizationResponseError) return new SsoProviderError("denied", error.error);
  if (error instanceof oidc.ResponseBodyError) return new SsoProviderError("misconfigured", error.error);
  // A 401 with a challenge: the provider doesn't accept the client ID and secret.
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    return new SsoProviderError("misconfigured", error.cause.map((challenge) => challenge.scheme).join(", "));
  }
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof OutboundRefused) return new SsoProviderError("blocked", cause.message);
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^(E[A-Z_]+|UND_ERR.*)$/.test(code)) {
      return new SsoProviderError("unreachable", code);
    }
    if (cause instanceof Error && /no answer within|socket hang up|aborted/.test(cause.message)) {
      return new SsoProviderError("unreachable", cause.message);
    }
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
  return new SsoProviderError(fallback, detail);
}
