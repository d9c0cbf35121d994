"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changeOwnPassword } from "@/lib/auth/passwords";
import { landingPath, safeNextPath } from "@/lib/portal/landing";
import { changePasswordSchema } from "@/lib/validations/auth";
import { sessionAction } from "./safe-action";

// The account page's form, and the page that replaces a one-time password (which sends
// `next` and continues there).
export const changePasswordAction = sessionAction(
  changePasswordSchema,
  async ({ next, ...input }, { session }) => {
    await changeOwnPassword(session, input);
    if (next !== undefined) redirect(safeNextPath(next) ?? landingPath(session.actor.permissions));
    revalidatePath("/account");
    return {};
  },
  { whilePasswordMustChange: true },
);
