import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";
import { timingDummyHash, verifyPassword } from "./password";
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
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const member = await getDb().member.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, name: true, email: true, passwordHash: true },
        });
        const ok = await verifyPassword(member?.passwordHash ?? (await timingDummyHash()), parsed.data.password);
        if (!member || !ok) return null;
        return { id: member.id, name: member.name, email: member.email };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
