import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { signIn } from "@/lib/auth";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { publicOrigin } from "@/lib/http/public-origin";
import { CALLBACK_PATH, FLOW_COOKIE, FLOW_COOKIE_PATH, openFlow } from "@/lib/sso/flow";
import { SsoProviderError } from "@/lib/sso/oidc";
import { finishSsoSignIn, SsoRefused } from "@/lib/sso/sign-in";

// GET /sign-in/sso/callback – the identity provider sends the browser back here (the
// redirect URI Owners register). The flow cookie is read once; the code is exchanged and
// the ID token checked; the person gets a portal session from next-auth exactly as a
// password sign-in does. Anything that goes wrong lands on the "Continue with SSO" page
// with one clear sentence (lib/sso/messages.ts), never a 500.
export async function GET(request: NextRequest) {
  const jar = await cookies();
  const flow = openFlow(jar.get(FLOW_COOKIE)?.value);
  jar.delete({ name: FLOW_COOKIE, path: FLOW_COOKIE_PATH });
  const back = (code: string) =>
    NextResponse.redirect(new URL(`/sign-in/sso?error=${code}`, publicOrigin(request.headers)), 303);
  if (!flow) return back("expired");
  // The redirect URI exactly as "Continue with SSO" sent it, with the provider's answer.
  const callbackUrl = new URL(`${CALLBACK_PATH}${request.nextUrl.search}`, publicOrigin(request.headers));
  let ticket: string;
  try {
    ticket = await runWithRequest(requestMetaFrom(request.headers), () => finishSsoSignIn(flow, callbackUrl));
  } catch (error) {
    if (error instanceof SsoProviderError) {
      console.warn(`single sign-on failed at the callback: ${error.problem} (${error.message})`);
      return back(error.problem);
    }
    if (error instanceof SsoRefused) return back(error.reason);
    console.error("single sign-on failed:", error instanceof Error ? error.name : "unknown error");
    return back("error");
  }
  // On success this throws Next's redirect (with the session cookie), which must propagate.
  await signIn("sso", { ticket, redirectTo: flow.next ?? "/" });
  return back("error");
}
