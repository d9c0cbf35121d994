"use server";

import { revalidatePath } from "next/cache";
import { mailIsSetUp } from "@/lib/mail/settings";
import { team } from "@/lib/team/team";
import { conflictOn, memberAction } from "./safe-action";

// Invites a member: returns the invitation link once (only its hash is stored) and
// whether the invitation mail leaves this server.
export const addMemberAction = memberAction(
  { area: "team", level: "FULL" },
  team.schemas.create,
  async (input, { actor }) => {
    // A taken email shows under the Email field.
    const member = await conflictOn("email", () => team.create(actor, input));
    revalidatePath("/team");
    return {
      member: { id: member.id, name: member.name, email: member.email },
      invitationUrl: member.invitationUrl ?? "",
      expiresAt: member.invitationExpiresAt ?? "",
      // Without SMTP_URL the mail stays on this server: the inviter must pass the link on.
      invitationMailed: mailIsSetUp(),
    };
  },
);
