import type { MailPayload } from "@/lib/validations/mail";
import { escapeHtml, formatUtc, htmlBody } from "./compose";

// The mail that lets a new login prove it controls its address: a 6-digit code to type on
// the "Check your email" page and a link that does the same, with when each stops working.
// Both are the point of the mail; neither is put in the subject (which the outbox keeps).
export type VerificationMail = {
  to: string;
  name: string;
  code: string;
  codeExpiresAt: Date;
  url: string;
  linkExpiresAt: Date;
};

export function verificationMail(mail: VerificationMail): MailPayload {
  const { url } = mail;
  const code = `${mail.code.slice(0, 3)} ${mail.code.slice(3)}`;
  const intro = "Confirm that this is your email address to start using Wisp Portal.";
  const codeHint = `Enter it on the "Check your email" page; it expires on ${formatUtc(mail.codeExpiresAt)}.`;
  const linkExpiry = `The link works until ${formatUtc(mail.linkExpiresAt)}.`;
  const ignore =
    "If you did not sign up or accept an invitation with this address, ignore this mail: nobody can use the portal with it until it is confirmed, and you can still sign up with it yourself.";
  const codeHtml = {
    html:
      `<p style="margin:0 0 16px">Your code: <strong style="font-size:22px;letter-spacing:3px">${escapeHtml(code)}</strong>` +
      `<br><span style="font-size:13px;color:#555">${escapeHtml(codeHint)}</span></p>`,
  };
  return {
    to: mail.to,
    subject: "Confirm your email address for Wisp Portal",
    text:
      [
        `Hello ${mail.name},`,
        intro,
        `Your code: ${code}\n${codeHint}`,
        `Or confirm by opening this link:\n${url}`,
        linkExpiry,
        ignore,
      ].join("\n\n") + "\n",
    html: htmlBody([`Hello ${mail.name},`, intro, codeHtml], { label: "Confirm my email address", url }, [
      linkExpiry,
      ignore,
    ]),
    links: [url],
  };
}
