import type { ReceivedMail } from "./smtp";

// Everything the test servers of this process mailed, wherever it went: a test SMTP server
// started in this process (smtp.ts registers its list) or a server without SMTP_URL
// (server.ts registers its DATA_DIR/mail). Signing up reads its verification code from
// here (verification-mail.ts), whichever server it signed up on.
// `key` names a source once however often it is added (a data directory reused by restarts).
const sources = new Map<unknown, () => ReceivedMail[]>();

export function addMailSource(source: () => ReceivedMail[], key: unknown = source): void {
  sources.set(key, source);
}

export function registeredMail(): ReceivedMail[] {
  return [...sources.values()].flatMap((source) => source());
}
