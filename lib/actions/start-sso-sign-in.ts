"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { publicOrigin } from "@/lib/http/public-origin";
import { safeNextPath } from "@/lib/portal/landing";
import { CALLBACK_PATH, FLOW_COOKIE, FLOW_COOKIE_PATH, FLOW_MAX_AGE_SECONDS } from "@/lib/sso/flow";
import { ssoMessage } from "@/lib/sso/messages";
import { SsoProviderError } from "@/lib/sso/oidc";
import { beginSsoSignIn } from "@/lib/sso/sign-in";
import { ssoStartSchema } from "@/lib/validations/sso";
import type { ActionResult } from "./result";
import { invalid, toActionError } from "./safe-action";

// "Continue with SSO": the email finds the account's identity provider; the browser goes
// there with a sealed cookie holding what the callback must check. A provider that is
// down or misconfigured is said so on this form, never a 500.
export async function startSsoSignInAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const { next, ...fields } = Object.fromEntries(formData);
  const parsed = ssoStartSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  const requestHeaders = await headers();
  const origin = publicOrigin(requestHeaders);
  let url: string;
  try {
    const start = await runWithRequest(requestMetaFrom(requestHeaders), () =>
      beginSsoSignIn(parsed.data.email, `${origin}${CALLBACK_PATH}`, safeNextPath(next)),
    );
    if (!start) return { ok: false, error: ssoMessage("none")!, fieldErrors: { email: [ssoMessage("none")!] } };
    (await cookies()).set(FLOW_COOKIE, start.cookie, {
      httpOnly: true,
      sameSite: "lax",
      secure: origin.startsWith("https://"),
      path: FLOW_COOKIE_PATH,
      maxAge: FLOW_MAX_AGE_SECONDS,
    });
    url = start.url;
  } catch (error) {
    if (error instanceof SsoProviderError) {
      console.warn(`single sign-on could not start: ${error.problem} (${error.message})`);
      return { ok: false, error: ssoMessage(error.problem)! };
    }
    return toActionError(error);
  }
  redirect(url);
}
