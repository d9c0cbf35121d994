import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { TooManySignInAttempts } from "@/lib/rate-limit/sign-in";
import { signInSchema } from "@/lib/validations/auth";
import { passkeySignInSchema, secondStepSchema } from "@/lib/validations/two-factor";
import { OneTimePasswordRefused, verifyCredentials } from "./credentials";
import { deviceOfSignIn } from "./devices";
import { signInWithPasskey } from "./passkey-sign-in";
import { pendingToken, setPendingCookie } from "./pending-sign-in";
import { hasSecondFactor } from "./second-factor";
import { completeSecondStep } from "./second-step";
import { getAuthSecret } from "./secret";
import { endSignedOutSession, loadSession, startSession } from "./sessions";
import { SecondFactorRequired, SignInRateLimited, SsoSignInRequired } from "./sign-in-errors";
import { redeem } from "./sso-handoff";
import { passwordMembership, ssoMembership } from "./sso-policy";

declare module "next-auth" {
  interface Session {
    sessionId?: string;
  }
  interface User {
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

// A right one-time password that is spent or expired: the form shows the reason.
export class OneTimeSignInRefused extends CredentialsSignin {
  code = "one_time_password";
  constructor(readonly reason: string) {
    super();
  }
}

export {
  PendingSignInExpired,
  SecondFactorRefused,
  SecondFactorRequired,
  SignInRateLimited,
  SsoSignInRequired,
} from "./sign-in-errors";

// One log line per refused or unfinished sign-in (its code; "credentials" is a wrong email
// or password), without a stack trace: the client's doing, not a server error.
function logAuthError(error: Error) {
  if (error instanceof CredentialsSignin) {
    return console.warn(
      error.code === "credentials"
        ? "Sign-in refused: wrong email or password."
        : `Sign-in not completed: ${error.code}.`,
    );
  }
  const cause = error.cause instanceof Error ? ` (${error.cause.name}: ${error.cause.message})` : "";
  console.error(`auth: ${error.name}: ${error.message}${cause}`);
}

// next-auth builds its own absolute URLs (sign-in and sign-out redirects) from AUTH_URL:
// the portal has one setting for its public origin, APP_URL (lib/http/public-origin.ts).
if (config.appUrl) process.env.AUTH_URL = config.appUrl;

// Lazy config: the secret is read (or created) on the first request, not at build time.
// The cookie is a JWT that carries only the id of a server-side session (sessions.ts);
// the jwt callback refuses it as soon as that session has ended, so even
// GET /api/auth/session stops renewing a copied cookie.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: config.sessionMaxAgeSeconds },
  pages: { signIn: "/sign-in" },
  // One line per event: a refused sign-in is the client's mistake, not a server error worth
  // a stack trace (next-auth's default prints eleven lines for each wrong password).
  logger: { error: logAuthError },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Both doors (the sign-in form's action and POST /api/auth/callback/credentials) end here.
      // A login with a second factor opens no session with its password: the password step
      // ends in a pending sign-in (pending-sign-in.ts), and the second step (its token and a
      // code) opens the session (second-step.ts).
      async authorize(credentials, request) {
        const meta = requestMetaFrom(request.headers);
        const secondStep = secondStepSchema.safeParse(credentials);
        if (secondStep.success) {
          return runWithRequest(meta, () => completeSecondStep(secondStep.data, request.headers));
        }
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        return runWithRequest(meta, async () => {
          let identity;
          try {
            identity = await verifyCredentials(parsed.data.email, parsed.data.password, meta.clientAddress);
          } catch (error) {
            if (error instanceof TooManySignInAttempts) throw new SignInRateLimited(error.retryAfterMs);
            if (error instanceof OneTimePasswordRefused) throw new OneTimeSignInRefused(error.message);
            throw error;
          }
          if (!identity) return null;
          // A login whose memberships were all removed has nowhere to go.
          const choice = await passwordMembership(identity.id, identity.lastAccountId);
          if (!choice) return null;
          if (!choice.member) throw new SsoSignInRequired(choice.ssoRequired);
          const { member } = choice;
          if (await hasSecondFactor(identity.id)) {
            await setPendingCookie(request.headers, pendingToken(identity));
            throw new SecondFactorRequired();
          }
          const sessionId = await startSession(identity, member, await deviceOfSignIn(request.headers));
          return { id: identity.id, email: identity.email, name: member.name, sessionId };
        });
      },
    }),
    // Single sign-on's last step (lib/auth/sso-handoff.ts): the person the identity provider
    // verified, handed over inside this process by the callback (app/(auth)/sign-in/sso/callback).
    Credentials({
      id: "sso",
      credentials: { ticket: {} },
      async authorize(credentials, request) {
        const handed = redeem(credentials.ticket);
        if (!handed) return null;
        return runWithRequest(requestMetaFrom(request.headers), async () => {
          const member = await ssoMembership(handed.identityId, handed.memberId);
          if (!member) return null;
          const identity = { id: handed.identityId, email: handed.email };
          const device = await deviceOfSignIn(request.headers);
          const sessionId = await startSession(identity, member, device, { viaSso: true });
          return { id: identity.id, email: identity.email, name: member.name, sessionId };
        });
      },
    }),
    // Passwordless sign-in with a passkey (lib/auth/passkey-sign-in.ts): the browser's answer
    // to a challenge handed to it, and the value of its cookie that the challenge is bound to.
    Credentials({
      id: "passkey",
      credentials: { passkey: {}, binding: {} },
      async authorize(credentials, request) {
        const parsed = passkeySignInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const meta = requestMetaFrom(request.headers);
        return runWithRequest(meta, () => signInWithPasskey(parsed.data, request.headers, meta.clientAddress));
      },
    }),
  ],
  events: {
    async signOut(message) {
      await endSignedOutSession("token" in message ? message.token?.sid : undefined);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sid = user.sessionId;
        return token;
      }
      return (await loadSession(token.sid)) ? token : null;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionId = token.sid;
      return session;
    },
  },
}));
