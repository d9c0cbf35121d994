import type { SsoProblem } from "./oidc";
import type { RefusalReason } from "./sign-in";

// What the "Continue with SSO" page says when single sign-on didn't work: one clear
// sentence per cause, never the provider's raw error. The codes travel as ?error= from the
// callback, so unknown codes get the general message.
const OWNERS = "Owners can still sign in with their password.";

const MESSAGES: Record<SsoProblem | RefusalReason | "expired" | "none", string> = {
  none: "No organisation signs in with single sign-on for this email address. Sign in with your password instead.",
  unreachable: `Your organisation's identity provider can't be reached right now. Try again in a few minutes. ${OWNERS}`,
  blocked: `Your organisation's identity provider is on a network the portal may not call. Ask an Owner to check the single sign-on settings. ${OWNERS}`,
  misconfigured: `Your organisation's single sign-on is not set up correctly (the identity provider refused the portal). Ask an Owner to check its settings. ${OWNERS}`,
  denied: "The identity provider did not sign you in. Try again, or ask your organisation's administrator.",
  invalid_response: "The identity provider's answer could not be verified, so you were not signed in. Try again.",
  expired: "This sign-in took too long or was started in another browser. Start again.",
  no_email: "The identity provider did not tell the portal your email address, so you were not signed in.",
  email_unverified: "The identity provider has not verified your email address, so you were not signed in.",
  domain: "Your organisation's single sign-on does not accept email addresses of this domain.",
  not_invited: "You are not a member of this organisation yet. Ask one of its Owners for an invitation.",
  existing_login:
    "This email address already has a Wisp Portal login that is not in this organisation. Ask an Owner to invite it, accept the invitation with your password, then use single sign-on.",
  gone: "This organisation no longer uses single sign-on. Sign in with your password.",
};

export function ssoMessage(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code as keyof typeof MESSAGES] ?? "Single sign-on did not work. Try again.";
}
