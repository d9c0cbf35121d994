"use server";

import { redirect } from "next/navigation";
import { switchAccount } from "@/lib/auth/switch-account";
import { landingPath } from "@/lib/portal/landing";
import { switchAccountSchema } from "@/lib/validations/auth";
import { sessionAction } from "./safe-action";

export const switchAccountAction = sessionAction(switchAccountSchema, async ({ accountId }, { session }) => {
  const actor = await switchAccount(session, accountId);
  redirect(landingPath(actor.permissions));
});
