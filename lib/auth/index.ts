import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { TooManySignInAttempts } from "@/lib/rate-limit/sign-in";
import { signInSchema } from "@/lib/validations/auth";
import { OneTimePasswordRefused, verifyCredentials } from "./credentials";
import { deviceOfSignIn } from "./devices";
import { getAuthSecret } from "./secret";
import { defaultMembership, endSignedOutSession, loadSession, startSession } from "./sessions";

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

// A refused sign-in that says how long to wait (the `code` reaches the sign-in form, and
// next-auth's callback URL as ?code=too_many_attempts).
export class SignInRateLimited extends CredentialsSignin {
  code = "too_many_attempts";
  constructor(readonly retryAfterMs: number) {
    super();
  }
}

// A right one-time password that is spent or expired: the form shows the reason.
export class OneTimeSignInRefused extends CredentialsSignin {
  code = "one_time_password";
  constructor(readonly reason: string) {
    super();
  }
}

function logAuthError(error: Error) {
  if (error instanceof SignInRateLimited) return console.warn("Sign-in refused: too many attempts.");
  if (error instanceof CredentialsSignin) return console.warn("Sign-in refused: wrong email or password.");
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
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const meta = requestMetaFrom(request.headers);
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
          const member = await defaultMembership(identity.id, identity.lastAccountId);
          if (!member) return null;
          const sessionId = await startSession(identity, member, await deviceOfSignIn(request.headers));
          return { id: identity.id, email: identity.email, name: member.name, sessionId };
        });
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
