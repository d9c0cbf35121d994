import { expect } from "@playwright/test";
import { mailsIn, readable, type ReceivedMail } from "../tests/helpers/smtp";

// What the Playwright servers mailed (through the test SMTP server of playwright.config.ts,
// which saves each message in E2E_MAIL_DIR), for specs that follow a link in a mail.
export type E2eMail = ReceivedMail & { body: string; links: string[] };

function mailDir(): string {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: run the specs through playwright.config.ts");
  return dir;
}

const linksIn = (body: string) => [...new Set(body.match(/https?:\/\/[^\s"<>]+/g) ?? [])];

// Polls (no fixed wait) until a mail to `to` matching `match` has arrived; the newest such.
export async function mailTo(to: string, match: (mail: E2eMail) => boolean = () => true): Promise<E2eMail> {
  const found = () =>
    mailsIn(mailDir())
      .map((mail) => ({ ...mail, body: readable(mail.raw) }))
      .map((mail) => ({ ...mail, links: linksIn(mail.body) }))
      .filter((mail) => mail.to.some((address) => address.includes(to)) && match(mail))
      .at(-1);
  await expect.poll(() => found() !== undefined, { timeout: 20_000, message: `a mail to ${to}` }).toBe(true);
  return found()!;
}
