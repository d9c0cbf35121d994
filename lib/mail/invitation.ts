import type { MailPayload } from "@/lib/validations/mail";
import { formatUtc, htmlBody } from "./compose";

// The invitation mail: who invites to which account, with which role, the accept link and
// when it stops working. The link's token is the only secret in it, and it is the point.
export type InvitationMail = {
  to: string;
  name: string;
  accountName: string;
  roleName: string;
  // The inviting member's name; null when an API key invited.
  inviterName: string | null;
  url: string;
  expiresAt: Date;
};

export function invitationMail(invitation: InvitationMail): MailPayload {
  const { accountName, url } = invitation;
  const who = invitation.inviterName ? `${invitation.inviterName} invited you` : "You are invited";
  const intro = `${who} to join ${accountName} on Wisp Portal, with the role ${invitation.roleName}.`;
  const expiry = `The link works once and expires on ${formatUtc(invitation.expiresAt)}.`;
  const ignore = "If you did not expect this invitation, ignore this mail: nothing happens unless the link is opened.";
  return {
    to: invitation.to,
    subject: `Join ${accountName} on Wisp Portal`,
    text: [`Hello ${invitation.name},`, intro, `Accept the invitation:\n${url}`, expiry, ignore].join("\n\n") + "\n",
    html: htmlBody([`Hello ${invitation.name},`, intro], { label: "Accept the invitation", url }, [expiry, ignore]),
    links: [url],
  };
}
