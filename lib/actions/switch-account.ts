"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { switchAccount } from "@/lib/auth/switch-account";
import { landingPath } from "@/lib/portal/landing";
import { sessionAction } from "./safe-action";

export const switchAccountAction = sessionAction(
  z.strictObject({ accountId: z.uuid() }),
  async ({ accountId }, { session }) => {
    const actor = await switchAccount(session, accountId);
    redirect(landingPath(actor.permissions));
  },
);
