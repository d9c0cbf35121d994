"use server";

import { headers } from "next/headers";
import { signOut } from "@/lib/auth";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";

// Ends the session on the server too (lib/auth/index.ts events.signOut), so a copy of the
// cookie is refused on its next request.
export async function signOutAction(): Promise<void> {
  const meta = requestMetaFrom(await headers());
  await runWithRequest(meta, () => signOut({ redirectTo: "/sign-in" }));
}
