import { z } from "zod";
import { emailSchema } from "./auth";
import { isoDate } from "./common";
import { singleLine } from "./text";

export const memberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.object({ id: z.uuid(), name: z.string() }),
  status: z.enum(["active", "unverified", "invited"]).meta({
    description:
      "invited: the invitation link was not accepted yet. unverified: accepted with a new login that has not confirmed its email yet (it can't act until it does).",
  }),
  invitationExpiresAt: isoDate.nullable().meta({ description: "When an invited member's link stops working." }),
  createdAt: isoDate,
  invitationUrl: z.string().optional().meta({
    description: "Only in the response that invites the member or sends a new link; shown once. Single use, 7 days.",
  }),
});
export type MemberJson = z.infer<typeof memberSchema>;

const memberName = singleLine("Enter a name.", 100);
const memberRoleId = z.uuid({ error: "Choose a role." });

export const createMemberSchema = z.strictObject({ name: memberName, email: emailSchema, roleId: memberRoleId });
export const updateMemberSchema = z.strictObject({ name: memberName, roleId: memberRoleId }).partial();

// The portal's role change of a member (lib/actions/update-member.ts).
export const changeMemberRoleSchema = z.strictObject({ id: z.uuid(), roleId: memberRoleId });
