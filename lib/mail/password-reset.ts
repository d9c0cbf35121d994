import type { MailPayload } from "@/lib/validations/mail";
import { formatUtc, htmlBody } from "./compose";

// The "Forgot password?" mail: the link to choose a new password, when it stops working,
// and that nothing changes if it is ignored. The link's token is the only secret in it.
export type PasswordResetMail = {
  to: string;
  // The accounts the login is used for, so the person knows which portal this is.
  accountNames: string[];
  url: string;
  expiresAt: Date;
};

export function passwordResetMail(reset: PasswordResetMail): MailPayload {
  const { url } = reset;
  const accounts = reset.accountNames.length ? ` (used for ${listOf(reset.accountNames)})` : "";
  const intro = `Someone asked for a link to choose a new password for the Wisp Portal login ${reset.to}${accounts}.`;
  const expiry = `The link works once, for 30 minutes: until ${formatUtc(reset.expiresAt)}. Choosing a new password signs this login out everywhere.`;
  const ignore =
    "If it wasn't you, ignore this mail: nothing changes unless the link is opened and a new password chosen, and your password stays as it is.";
  return {
    to: reset.to,
    subject: "Choose a new password for Wisp Portal",
    text: ["Hello,", intro, `Choose a new password:\n${url}`, expiry, ignore].join("\n\n") + "\n",
    html: htmlBody(["Hello,", intro], { label: "Choose a new password", url }, [expiry, ignore]),
    links: [url],
  };
}

// "A", "A and B", "A, B and 3 more".
function listOf(names: string[]): string {
  if (names.length <= 2) return names.join(" and ");
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more`;
}
