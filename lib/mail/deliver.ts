import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/lib/config";
import { processSingleton } from "@/lib/process-singleton";
import { PermanentDeliveryError, type ClaimedMessage } from "@/lib/outbox/engine";
import { mailPayloadSchema } from "@/lib/validations/mail";
import { mailFrom, mailIsSetUp, messageIdDomain } from "./settings";

// The "mail" channel of the outbox. With SMTP_URL it hands the message to that server;
// without, nothing leaves the machine: the message is saved as DATA_DIR/mail/<id>.eml and
// one log line gives its subject and links (the point of that mode, so only there).
// The Message-ID comes from the outbox row's id: a message sent again is the same message.

// Bounded so a dead server fails a try in seconds, well within the outbox lease.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const smtpTransport = (): Transporter =>
  processSingleton("smtp-transport", () => nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS }));

const fileTransport = (): Transporter =>
  processSingleton("mail-file-transport", () =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
  );

export const mailDir = () => path.join(config.dataDir, "mail");

export async function deliverMail(message: ClaimedMessage): Promise<void> {
  const mail = mailPayloadSchema.parse(message.payload);
  const envelope = {
    from: mailFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${message.id}@${messageIdDomain()}>`,
    headers: { "X-Wisp-Kind": message.kind },
  };
  if (mailIsSetUp()) {
    try {
      await smtpTransport().sendMail(envelope);
    } catch (error) {
      // 550–553: the server refuses this mailbox for good; anything else may pass later.
      const code = (error as { responseCode?: number }).responseCode ?? 0;
      if (code >= 550 && code <= 553) throw new PermanentDeliveryError((error as Error).message);
      throw error;
    }
    return;
  }
  const { message: raw } = (await fileTransport().sendMail(envelope)) as { message: Buffer };
  await mkdir(mailDir(), { recursive: true });
  const file = path.join(mailDir(), `${message.id}.eml`);
  await writeFile(`${file}.tmp`, raw);
  await rename(`${file}.tmp`, file);
  const shown = path.relative(process.cwd(), file).startsWith("..") ? file : path.relative(process.cwd(), file);
  const links = mail.links.length ? ` Links: ${mail.links.join(" ")}` : "";
  console.log(`Mail not sent (SMTP_URL is not set): "${mail.subject}" to ${mail.to}, saved as ${shown}.${links}`);
}
