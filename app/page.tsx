import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-member";
import { getDb } from "@/lib/db";
import { landingPath } from "@/lib/portal/landing";

// A fresh portal starts at "Create your account"; later visitors at sign-in; a signed-in
// member at the first page their role may see.
export default async function Home() {
  const session = await getCurrentSession();
  if (session) redirect(landingPath(session.actor.permissions));
  const anyAccount = await getDb().account.findFirst({ select: { id: true } });
  redirect(anyAccount ? "/sign-in" : "/sign-up");
}
