import type { MailPayload } from "@/lib/validations/mail";
import { formatUtc, htmlBody } from "./compose";
import { portalOrigin } from "./settings";

// To an account's Owners: the server switched a webhook endpoint off after 5 days of
// failed deliveries. Names the endpoint's URL without its query (which may carry a token).
export function webhookDisabledMail(
  reader: { name: string; email: string },
  notice: { accountName: string; url: string; failingSince: Date },
): MailPayload {
  const { accountName, failingSince } = notice;
  const url = new URL(notice.url);
  const shown = `${url.origin}${url.pathname}`;
  const link = `${portalOrigin()}/webhooks`;
  const hello = `Hello ${reader.name},`;
  const paragraphs = [
    `Every delivery to the webhook endpoint ${shown} of ${accountName} on Wisp Portal has failed since ${formatUtc(failingSince)}, so it was disabled: no more events are sent to it.`,
    "Its delivery log shows each answer. Once the receiver works again, enable the endpoint and resend the events it missed.",
  ];
  const after = [`You get this because you are an Owner of ${accountName}.`];
  const text = [hello, ...paragraphs, `Open the webhooks:\n${link}`, ...after].join("\n\n") + "\n";
  return {
    to: reader.email,
    subject: `Webhook endpoint of ${accountName} disabled after 5 days of failures`,
    text,
    html: htmlBody([hello, ...paragraphs], { label: "Open the webhooks", url: link }, after),
    links: [link],
  };
}
