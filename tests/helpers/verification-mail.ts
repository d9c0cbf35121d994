import { registeredMail } from "./mail-sources";
import { mailsIn, readable, type ReceivedMail } from "./smtp";

// The verification mails a new login is sent (lib/mail/verification.ts), found wherever
// the server mailed them: the SMTP server of a Vitest project (its `mailDir`, in another
// process) or a source of this process (mail-sources.ts). Polled, never slept on.
const injectedMailDir: Promise<string | undefined> = process.env.VITEST
  ? import("vitest").then((vitest) => vitest.inject("mailDir") as string | undefined)
  : Promise.resolve(undefined);

export const VERIFICATION_SUBJECT = "Confirm your email address for Wisp Portal";

async function allMail(): Promise<ReceivedMail[]> {
  const dir = await injectedMailDir;
  return [...(dir ? mailsIn(dir) : []), ...registeredMail()];
}

// The first mail to `to` that `match` accepts, once it has arrived.
export async function waitForMailTo(
  to: string,
  match: (mail: ReceivedMail) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await allMail()).find((mail) => mail.to.some((address) => address.includes(to)) && match(mail));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} arrived within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The verification mail to `to` that is not among `seen` (Message-IDs of older ones).
export function waitForVerificationMail(to: string, seen: string[] = []): Promise<ReceivedMail> {
  return waitForMailTo(to, (mail) => mail.subject === VERIFICATION_SUBJECT && !seen.includes(mail.messageId));
}

export function codeIn(mail: ReceivedMail): string {
  const found = /Your code: (\d{3}) (\d{3})/.exec(readable(mail.raw));
  if (!found) throw new Error("no code in the verification mail");
  return found[1] + found[2];
}

export function linkTokenIn(mail: ReceivedMail): string {
  const found = /\/verify-email\/([\w-]{43})/.exec(readable(mail.raw));
  if (!found) throw new Error("no link in the verification mail");
  return found[1];
}
