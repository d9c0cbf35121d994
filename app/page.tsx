import { redirect } from "next/navigation";
import { getCurrentMember } from "@/lib/auth/current-member";
import { getDb } from "@/lib/db";

// A fresh portal starts at "Create your account"; later visitors at sign-in.
export default async function Home() {
  if (await getCurrentMember()) redirect("/api-keys");
  const anyAccount = await getDb().account.findFirst({ select: { id: true } });
  redirect(anyAccount ? "/sign-in" : "/sign-up");
}
