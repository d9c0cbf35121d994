"use server";

import { revalidatePath } from "next/cache";
import { mailIsSetUp } from "@/lib/mail/settings";
import { resendInvitation } from "@/lib/team/team";
import { idInputSchema } from "@/lib/validations/common";
import { memberAction } from "./safe-action";

// "Resend invitation" on the Team page: a new link (shown once, like the first) and a new
// mail; the old link stops working.
export const resendInvitationAction = memberAction(
  { area: "team", level: "FULL" },
  idInputSchema,
  async ({ id }, { actor }) => {
    const member = await resendInvitation(actor, id);
    revalidatePath("/team");
    return { email: member.email, invitationUrl: member.invitationUrl, invitationMailed: mailIsSetUp() };
  },
);
