"use server";

import { revalidatePath } from "next/cache";
import { switchAccount } from "@/lib/auth/switch-account";
import { landingPath } from "@/lib/portal/landing";
import { switchAccountSchema } from "@/lib/validations/auth";
import { sessionAction } from "./safe-action";

// Answers with where to go rather than redirecting: the switcher confirms the switch
// ("Now in …"), and revalidating the whole tree re-renders the layout (switcher, header,
// name and role), which a redirect to a page under the same layout would have kept.
export const switchAccountAction = sessionAction(switchAccountSchema, async ({ accountId }, { session }) => {
  const actor = await switchAccount(session, accountId);
  revalidatePath("/", "layout");
  return { accountName: actor.accountName, landing: landingPath(actor.permissions) };
});
