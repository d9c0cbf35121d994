import { CredentialsSignin } from "next-auth";

// The refusals of a sign-in with two steps. Their `code` reaches the sign-in forms (and
// next-auth's callback URL, for a raw POST to /api/auth/callback/credentials).

// A refused sign-in that says how long to wait (too many wrong passwords or codes).
export class SignInRateLimited extends CredentialsSignin {
  code = "too_many_attempts";
  constructor(readonly retryAfterMs: number) {
    super();
  }
}

// The password was right, and the login has a second factor: no session yet; the pending
// sign-in's cookie is set, and the second-step page asks for a code.
export class SecondFactorRequired extends CredentialsSignin {
  code = "second_factor";
}

// A wrong or spent code in the second step.
export class SecondFactorRefused extends CredentialsSignin {
  code = "wrong_code";
  constructor(readonly reason: string) {
    super();
  }
}

// No pending sign-in, or it expired (5 minutes) or its password changed: start again.
export class PendingSignInExpired extends CredentialsSignin {
  code = "sign_in_expired";
}

// The right password (or passkey) of a member whose accounts all require single sign-on.
export class SsoSignInRequired extends CredentialsSignin {
  code = "sso_required";
  constructor(readonly accountName: string) {
    super();
  }
}
