import { redirect } from "next/navigation";
import { getSignedInSession, homePath } from "@/lib/auth/current-member";
import { getUnscopedDb } from "@/lib/db";

// A fresh portal starts at "Create your account"; later visitors at sign-in; a signed-in
// member at the first page their role may see (a new login first confirms its email).
export default async function Home() {
  const session = await getSignedInSession();
  if (session) redirect(homePath(session));
  // Whether any account exists at all: a question across accounts (the narrow bypass).
  const anyAccount = await getUnscopedDb().account.findFirst({ select: { id: true } });
  redirect(anyAccount ? "/sign-in" : "/sign-up");
}
