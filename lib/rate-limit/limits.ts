import "server-only";
import { config } from "@/lib/config";
import { processSingleton } from "@/lib/process-singleton";
import { FailureLimiter } from "./failures";

// The brakes on guessing. Sign-in: 5 failures per email and client address in 15
// minutes, and 50 per client address (any emails) in 15 minutes; the next attempt is
// refused with the wait time, whether the email exists or not, and whatever the password.
// Another address trying the same email is not slowed, so nobody can lock a person out
// from afar. API keys: API_KEY_FAILURES_PER_MINUTE (30) failed checks per client address
// per minute, then 429. Leak reports (no key needed): LEAK_REPORTS_PER_MINUTE calls per
// client address per minute, every call counted, shared by all instances. Email
// verification: 10 wrong codes per login per hour (each code also dies after 5 tries), and
// 3 new verification mails per login per 15 minutes. Invitations: 3 new links (and mails)
// per invited member per 15 minutes. "Forgot password?" mails: RESET_MAILS_PER_EMAIL per
// email and RESET_MAILS_PER_ADDRESS per client address in an hour, every request counted,
// known email or not (lib/rate-limit/password-reset.ts). Sign-ups: SIGN_UPS_PER_ADDRESS_PER_HOUR
// (10) new accounts per client address an hour, every attempt counted (lib/rate-limit/sign-up.ts).
// Second factors: 5 wrong codes (authenticator or recovery) per login in 15 minutes, at
// sign-in and at step-up alike. Passwordless passkey sign-in: PASSKEY_CHALLENGES_PER_ADDRESS
// challenges per client address in 15 minutes, every one counted; its refused answers count
// with the address's failed sign-ins (lib/rate-limit/sign-in.ts).

export const SIGN_IN_FAILURES_PER_EMAIL = 5;
export const LEAK_REPORTS_PER_MINUTE = 10;
export const FAILED_SIGN_IN_EVENT_WINDOW_SECONDS = 15 * 60;
export const WRONG_EMAIL_CODES_PER_HOUR = 10;
export const RESENDS_PER_15_MINUTES = 3;
export const RESET_MAILS_PER_EMAIL = 3;
export const RESET_MAILS_PER_ADDRESS = 10;
export const WRONG_SECOND_FACTORS_PER_15_MINUTES = 5;
export const PASSKEY_CHALLENGES_PER_ADDRESS = 30;

export function limits() {
  return processSingleton("limits", () => ({
    signInByEmail: new FailureLimiter({
      keyPrefix: "sign-in-email",
      points: SIGN_IN_FAILURES_PER_EMAIL,
      durationSeconds: 15 * 60,
    }),
    signInByAddress: new FailureLimiter({ keyPrefix: "sign-in-address", points: 50, durationSeconds: 15 * 60 }),
    apiKeys: new FailureLimiter({
      keyPrefix: "api-key-failures",
      points: config.apiKeyFailuresPerMinute,
      durationSeconds: 60,
    }),
    // One audit event per email per window for failed sign-ins (lib/auth/session-events.ts).
    failedSignInEvents: new FailureLimiter({
      keyPrefix: "sign-in-failed-events",
      points: 1,
      durationSeconds: FAILED_SIGN_IN_EVENT_WINDOW_SECONDS,
    }),
    leakReports: new FailureLimiter({
      keyPrefix: "leak-reports",
      points: LEAK_REPORTS_PER_MINUTE,
      durationSeconds: 60,
    }),
    emailCodes: new FailureLimiter({
      keyPrefix: "email-codes",
      points: WRONG_EMAIL_CODES_PER_HOUR,
      durationSeconds: 60 * 60,
    }),
    verificationMails: new FailureLimiter({
      keyPrefix: "verification-mails",
      points: RESENDS_PER_15_MINUTES,
      durationSeconds: 15 * 60,
    }),
    invitationMails: new FailureLimiter({
      keyPrefix: "invitation-mails",
      points: RESENDS_PER_15_MINUTES,
      durationSeconds: 15 * 60,
    }),
    resetMailsByEmail: new FailureLimiter({
      keyPrefix: "reset-mails-email",
      points: RESET_MAILS_PER_EMAIL,
      durationSeconds: 60 * 60,
    }),
    signUpsByAddress: new FailureLimiter({
      keyPrefix: "sign-ups-address",
      points: config.signUpsPerAddressPerHour,
      durationSeconds: 60 * 60,
    }),
    secondFactors: new FailureLimiter({
      keyPrefix: "second-factors",
      points: WRONG_SECOND_FACTORS_PER_15_MINUTES,
      durationSeconds: 15 * 60,
    }),
    passkeyChallenges: new FailureLimiter({
      keyPrefix: "passkey-challenges",
      points: PASSKEY_CHALLENGES_PER_ADDRESS,
      durationSeconds: 15 * 60,
    }),
    resetMailsByAddress: new FailureLimiter({
      keyPrefix: "reset-mails-address",
      points: RESET_MAILS_PER_ADDRESS,
      durationSeconds: 60 * 60,
    }),
  }));
}
