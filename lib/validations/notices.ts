import { z } from "zod";

// The notices the portal mails (lib/notices/), by kind. The kind is also the outbox
// message's `kind`. Each person may turn off the optional ones on /account; security
// notices (a key disabled by a leak report) always go out.
export const OPTIONAL_NOTICES = ["key_expiry", "key_unused", "key_quota", "role_changed", "new_device"] as const;
export const SECURITY_NOTICES = ["key_leaked", "two_factor"] as const;
export type OptionalNotice = (typeof OPTIONAL_NOTICES)[number];
export type NoticeKind = OptionalNotice | (typeof SECURITY_NOTICES)[number];

export const NOTICE_LABELS: Record<NoticeKind, { label: string; description: string }> = {
  key_expiry: {
    label: "Key expiry",
    description: "A key you created, or of an account you own, expires in 7 days and in 1 day.",
  },
  key_unused: {
    label: "Unused keys",
    description: "Such a key goes unused and the account's policy will disable it in 7 days.",
  },
  key_quota: { label: "Quota", description: "Such a key used 80% and 100% of its quota for the day or month." },
  role_changed: { label: "Role changed", description: "Someone gave you another role in an account." },
  new_device: { label: "New-device sign-in", description: "Your login signed in from a browser it never used before." },
  key_leaked: {
    label: "Leaked key",
    description: "A key you created, or of an account you own, was reported leaked and disabled.",
  },
  two_factor: {
    label: "Two-factor changes",
    description: "A second factor of your login was added or removed, or a recovery code was used.",
  },
};

// What each outbox kind is called on the Notifications page (mail of other flows too).
export const MAIL_KIND_LABELS: Record<string, string> = {
  invitation: "Invitation",
  key_expiry: "Key expiry",
  key_unused: "Unused key",
  key_quota: "Quota",
  role_changed: "Role changed",
  new_device: "New-device sign-in",
  key_leaked: "Leaked key",
  webhook_disabled: "Webhook disabled",
  two_factor: "Two-factor change",
};

export const SECURITY_NOTICE_REFUSAL = "Security notices can't be turned off.";

// One switch of /account's Notifications section. A security notice is named here too, so
// that turning it off gets a clear refusal rather than "invalid input".
export const noticeSettingSchema = z.strictObject({
  kind: z.enum([...OPTIONAL_NOTICES, ...SECURITY_NOTICES]),
  enabled: z.boolean(),
});
export type NoticeSettingInput = z.infer<typeof noticeSettingSchema>;

export const isOptionalNotice = (kind: string): kind is OptionalNotice =>
  (OPTIONAL_NOTICES as readonly string[]).includes(kind);

// A mail as the Notifications page lists it: when, to whom, what, and how delivery went.
// Never its body or links.
export type MailStatus = "queued" | "delivered" | "retrying" | "failed";
export type AccountMailJson = {
  id: string;
  createdAt: string;
  kind: string;
  recipient: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  // Retrying: when the next try is due.
  nextAttemptAt: string | null;
  sentAt: string | null;
  // Retrying or failed: the last try's error (the mail server's answer).
  error: string | null;
};
