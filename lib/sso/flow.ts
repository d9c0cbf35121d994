import "server-only";
import { seal, unseal } from "@/lib/auth/sealed";
import { now } from "@/lib/clock";

// A sign-in in progress, between "Continue with SSO" and the provider's callback: kept in
// the browser as a sealed cookie (so any instance can finish it), for 10 minutes, read once.
export const FLOW_COOKIE = "wisp-sso";
export const FLOW_COOKIE_PATH = "/sign-in/sso";
// The redirect URI Owners register with their identity provider, under the public origin.
export const CALLBACK_PATH = "/sign-in/sso/callback";
export const FLOW_MAX_AGE_SECONDS = 600;

export type SsoFlow = {
  accountId: string;
  state: string;
  nonce: string;
  verifier: string;
  next: string | null;
  startedAt: number;
};

export function sealFlow(flow: Omit<SsoFlow, "startedAt">): string {
  return seal("sso-flow", JSON.stringify({ ...flow, startedAt: now().getTime() }));
}

// The flow, or null when missing, forged, or older than 10 minutes.
export function openFlow(cookie: string | undefined): SsoFlow | null {
  const text = cookie ? unseal("sso-flow", cookie) : null;
  if (!text) return null;
  const flow = JSON.parse(text) as SsoFlow;
  const age = now().getTime() - flow.startedAt;
  return age >= 0 && age < FLOW_MAX_AGE_SECONDS * 1000 ? flow : null;
}
