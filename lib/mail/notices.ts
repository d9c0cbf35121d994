import type { MailPayload } from "@/lib/validations/mail";
import { formatUtc, htmlBody } from "./compose";
import { portalOrigin } from "./settings";

// The notice mails (lib/notices/ decides when and to whom). Each names the account, says
// why the reader gets it and how to turn it off (security notices can't be), links only to
// the portal (APP_URL), and names a key by its name and Key ID: never a secret, never text
// a stranger chose (a leak report's source, a browser's user agent).
export type NoticeReader = { name: string; email: string; reasons: NoticeReason[] };
export type NoticeReason = "creator" | "owner";
export type NoticeKey = { keyId: string; name: string };

function whyYou(reader: NoticeReader, accountName: string, keys = 1): string {
  const created = keys === 1 ? "you created this key" : "you created one or more of these keys";
  const why = reader.reasons.map((reason) => (reason === "creator" ? created : `you are an Owner of ${accountName}`));
  return `You get this because ${why.join(" and ")}.`;
}

const turnOff = (what: string) => `You can turn ${what} off on your account page: ${portalOrigin()}/account`;
const keyName = (key: NoticeKey) => `“${key.name}” (Key ID ${key.keyId})`;
const keyUrl = (key: NoticeKey) => `${portalOrigin()}/api-keys/${key.keyId}`;
const DAY_MS = 86_400_000;

function mail(
  reader: NoticeReader,
  subject: string,
  paragraphs: string[],
  button: { label: string; url: string },
  after: string[],
): MailPayload {
  const hello = `Hello ${reader.name},`;
  const text = [hello, ...paragraphs, `${button.label}:\n${button.url}`, ...after].join("\n\n") + "\n";
  const links = [button.url, ...after.flatMap((line) => line.match(/https?:\/\/\S+/g) ?? [])];
  return { to: reader.email, subject, text, html: htmlBody([hello, ...paragraphs], button, after), links };
}

// A key expires in 7 days, or within a day.
export function keyExpiryMail(
  reader: NoticeReader,
  notice: { accountName: string; key: NoticeKey; expiresAt: Date; at: Date },
): MailPayload {
  const { accountName, key, expiresAt } = notice;
  const days = Math.ceil((expiresAt.getTime() - notice.at.getTime()) / DAY_MS);
  const when = days <= 1 ? "within a day" : `in ${days} days`;
  return mail(
    reader,
    `Key “${key.name}” of ${accountName} expires ${when}`,
    [
      `The API key ${keyName(key)} of ${accountName} on Wisp Portal expires on ${formatUtc(expiresAt)}, ${when}. From then on every request with it is refused.`,
      "To keep it working, set a later expiry on its page, or create a new key and move its users over before then.",
    ],
    { label: "Open the key", url: keyUrl(key) },
    [whyYou(reader, accountName), turnOff("key-expiry notices")],
  );
}

// A key unused for long enough that the account's policy disables it in 7 days.
export function keyUnusedMail(
  reader: NoticeReader,
  notice: { accountName: string; key: NoticeKey; unusedSince: Date; disableAt: Date; afterDays: number },
): MailPayload {
  const { accountName, key, disableAt, afterDays } = notice;
  return mail(
    reader,
    `Key “${key.name}” of ${accountName} will be disabled on ${formatUtc(disableAt)}`,
    [
      `The API key ${keyName(key)} of ${accountName} on Wisp Portal has not been used since ${formatUtc(notice.unusedSince)}. ${accountName} disables keys unused for ${afterDays} days, so on ${formatUtc(disableAt)} it will be disabled unless a request uses it before then.`,
      "If the key is still needed, use it once, or ask an Owner to change the key policy. A disabled key can be enabled again on its page.",
    ],
    { label: "Open the key", url: keyUrl(key) },
    [whyYou(reader, accountName), turnOff("unused-key notices")],
  );
}

// Keys disabled because someone reported one of their secrets leaked.
export function keyLeakedMail(
  reader: NoticeReader,
  notice: { accountName: string; keys: NoticeKey[]; at: Date },
): MailPayload {
  const { accountName, keys } = notice;
  const one = keys.length === 1;
  const which = one ? `The API key ${keyName(keys[0])}` : `These ${keys.length} API keys`;
  const list = one ? [] : [keys.map((key) => `• ${keyName(key)}`).join("\n")];
  return mail(
    reader,
    one
      ? `Key “${keys[0].name}” of ${accountName} was reported leaked and disabled`
      : `${keys.length} keys of ${accountName} were reported leaked and disabled`,
    [
      `${which} of ${accountName} on Wisp Portal ${one ? "was" : "were"} reported as leaked on ${formatUtc(notice.at)}: someone found ${one ? "its secret" : "their secrets"} in public. ${one ? "It was" : "They were"} disabled at once, so every request with ${one ? "it" : "them"} is refused.`,
      ...list,
      "Replace a leaked key where it is used: roll it to a new secret, or create a new key, then enable or delete the old one. The key's page and the audit log say who reported it.",
    ],
    { label: one ? "Open the key" : "Open the API keys", url: one ? keyUrl(keys[0]) : `${portalOrigin()}/api-keys` },
    [whyYou(reader, accountName, keys.length), "This is a security notice: it can't be turned off."],
  );
}

// A key used 80% or all of its quota in the current period.
export function keyQuotaMail(
  reader: NoticeReader,
  notice: {
    accountName: string;
    key: NoticeKey;
    percent: 80 | 100;
    limit: number;
    period: "day" | "month";
    resetsAt: Date;
  },
): MailPayload {
  const { accountName, key, limit, period, resetsAt } = notice;
  const quota = `${limit.toLocaleString("en")} requests per ${period} (UTC)`;
  const full = notice.percent === 100;
  return mail(
    reader,
    full
      ? `Key “${key.name}” of ${accountName} used all of its quota`
      : `Key “${key.name}” of ${accountName} used 80% of its quota`,
    [
      full
        ? `The API key ${keyName(key)} of ${accountName} on Wisp Portal has used its whole quota of ${quota}. Its requests are refused with 429 until the quota refills on ${formatUtc(resetsAt)}.`
        : `The API key ${keyName(key)} of ${accountName} on Wisp Portal has used 80% of its quota of ${quota}. The quota refills on ${formatUtc(resetsAt)}.`,
      "A member with API Keys: Full Access can raise the quota on the key's page.",
    ],
    { label: "Open the key", url: keyUrl(key) },
    [whyYou(reader, accountName), turnOff("quota notices")],
  );
}

// A member's role changed; to that member.
export function roleChangedMail(
  reader: NoticeReader,
  notice: { accountName: string; from: string; to: string; by: string },
): MailPayload {
  const { accountName } = notice;
  return mail(
    reader,
    `Your role in ${accountName} is now ${notice.to}`,
    [
      `${notice.by} changed your role in ${accountName} on Wisp Portal from ${notice.from} to ${notice.to}. What you may see and change there follows the new role from now on.`,
    ],
    { label: "Open Wisp Portal", url: `${portalOrigin()}/` },
    ["You get this because it is your role.", turnOff("role-change notices")],
  );
}

// A sign-in from a browser the login never used; to that person.
export function newDeviceMail(
  reader: NoticeReader,
  notice: { accountName: string; at: Date; browser: string; address: string | null },
): MailPayload {
  const from = notice.address ? ` from the address ${notice.address}` : "";
  return mail(
    reader,
    "New sign-in to Wisp Portal",
    [
      `Your login ${reader.email} signed in to Wisp Portal (account ${notice.accountName}) on ${formatUtc(notice.at)} with a browser it had not used before: ${notice.browser}${from}.`,
      "If this was you, there is nothing to do. If it wasn't, change your password now and end the sessions you don't know on your account page.",
    ],
    { label: "Open your account page", url: `${portalOrigin()}/account` },
    ["You get this because it is your login.", turnOff("new-device notices")],
  );
}

// A second factor of the login was added or removed, a recovery code was used, or new
// recovery codes replaced the old ones: a security notice (it can't be turned off).
export type TwoFactorChange =
  | "totp_added"
  | "totp_removed"
  | "passkey_added"
  | "passkey_removed"
  | "recovery_code_used"
  | "recovery_codes_replaced";

const TWO_FACTOR_CHANGES: Record<TwoFactorChange, { subject: string; what: string }> = {
  totp_added: {
    subject: "An authenticator app was added to your login",
    what: "an authenticator app was added as a second factor of",
  },
  totp_removed: {
    subject: "The authenticator app was removed from your login",
    what: "the authenticator app was removed from",
  },
  passkey_added: {
    subject: "A passkey was added to your login",
    what: "a passkey was added as a second factor of",
  },
  passkey_removed: {
    subject: "A passkey was removed from your login",
    what: "a passkey was removed from",
  },
  recovery_code_used: {
    subject: "A recovery code was used to sign in",
    what: "a recovery code was used to sign in to",
  },
  recovery_codes_replaced: {
    subject: "New recovery codes for your login",
    what: "new recovery codes replaced the old ones of",
  },
};

export function twoFactorMail(
  reader: NoticeReader,
  notice: { accountName: string; at: Date; change: TwoFactorChange; address: string | null },
): MailPayload {
  const { subject, what } = TWO_FACTOR_CHANGES[notice.change];
  const from = notice.address ? ` from the address ${notice.address}` : "";
  return mail(
    reader,
    subject,
    [
      `On ${formatUtc(notice.at)}${from}, ${what} your login ${reader.email} to Wisp Portal (account ${notice.accountName}).`,
      "If this was you, there is nothing to do. If it wasn't, change your password now, end the sessions you don't know and check your second factors on your account page.",
    ],
    { label: "Open your account page", url: `${portalOrigin()}/account` },
    ["You get this because it is your login.", "This is a security notice: it can't be turned off."],
  );
}
