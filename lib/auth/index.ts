import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { getUnscopedDb } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";
import { requestMetaFrom } from "@/lib/http/request-context";
import { timingDummyHash, verifyPassword } from "./password";
import { recordSessionEvent } from "./session-events";
import { getAuthSecret } from "./secret";

// next-auth builds its own absolute URLs (sign-in and sign-out redirects) from AUTH_URL:
// the portal has one setting for its public origin, APP_URL (lib/public-url.ts).
if (config.appUrl) process.env.AUTH_URL = config.appUrl;

// Lazy config: the secret is read (or created) on the first request, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Both doors (the sign-in form's action and POST /api/auth/callback/credentials) end here.
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const meta = requestMetaFrom(request.headers);
        // By the email signing in, across accounts: the member is what tells us the account.
        const member = await getUnscopedDb().member.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, name: true, email: true, passwordHash: true },
        });
        const ok = await verifyPassword(member?.passwordHash ?? (await timingDummyHash()), parsed.data.password);
        if (!member || !ok) {
          await recordSessionEvent("member.sign_in_failed", { email: parsed.data.email }, meta);
          return null;
        }
        await recordSessionEvent("member.sign_in", { memberId: member.id }, meta);
        return { id: member.id, name: member.name, email: member.email };
      },
    }),
  ],
  events: {
    async signOut(message) {
      const memberId = "token" in message ? message.token?.sub : undefined;
      if (memberId) await recordSessionEvent("member.sign_out", { memberId });
    },
  },
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
