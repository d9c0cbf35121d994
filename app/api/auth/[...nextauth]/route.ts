import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { atPublicOrigin } from "@/lib/http/public-origin";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { assertMayTrySignIn, TooManySignInAttempts } from "@/lib/rate-limit/sign-in";
import { emailSchema } from "@/lib/validations/auth";

// next-auth's own endpoints, building their URLs on the public origin, with the request's address and user agent for the audit
// log (sign-in, sign-out). POST /api/auth/callback/credentials is a second door for
// passwords: the same brake as the sign-in form (authorize() enforces it too), answered
// here as a real 429 with Retry-After instead of next-auth's redirect.
export async function GET(request: NextRequest): Promise<Response> {
  return runWithRequest(requestMetaFrom(request.headers), () => handlers.GET(atPublicOrigin(request)));
}

export async function POST(request: NextRequest): Promise<Response> {
  const meta = requestMetaFrom(request.headers);
  return runWithRequest(meta, async () => {
    if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
      const form = await request
        .clone()
        .formData()
        .catch(() => null);
      const email = emailSchema.safeParse(form?.get("email"));
      try {
        if (email.success) await assertMayTrySignIn(email.data, meta.clientAddress);
      } catch (error) {
        if (!(error instanceof TooManySignInAttempts)) throw error;
        const retryAfter = Math.ceil(error.retryAfterMs / 1000);
        return Response.json(
          { error: { code: error.code, message: error.message, retryAfter } },
          { status: 429, headers: { "Retry-After": String(retryAfter), "Cache-Control": "no-store" } },
        );
      }
    }
    return handlers.POST(atPublicOrigin(request));
  });
}
