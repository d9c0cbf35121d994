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
// client address per minute, every call counted, shared by all instances. "Forgot
// password?" mails: RESET_MAILS_PER_EMAIL per email and RESET_MAILS_PER_ADDRESS per client
// address in an hour, every request counted, known email or not (lib/rate-limit/password-reset.ts).

export const SIGN_IN_FAILURES_PER_EMAIL = 5;
export const LEAK_REPORTS_PER_MINUTE = 10;
export const RESET_MAILS_PER_EMAIL = 3;
export const RESET_MAILS_PER_ADDRESS = 10;

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
    leakReports: new FailureLimiter({
      keyPrefix: "leak-reports",
      points: LEAK_REPORTS_PER_MINUTE,
      durationSeconds: 60,
    }),
    resetMailsByEmail: new FailureLimiter({
      keyPrefix: "reset-mails-email",
      points: RESET_MAILS_PER_EMAIL,
      durationSeconds: 60 * 60,
    }),
    resetMailsByAddress: new FailureLimiter({
      keyPrefix: "reset-mails-address",
      points: RESET_MAILS_PER_ADDRESS,
      durationSeconds: 60 * 60,
    }),
  }));
}
