import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/auth";

// What a new password must be: at least 12 characters, and not guessable by zxcvbn's
// estimate (score ≥ 3 of 4: about 10^8 guesses or more), judged against its common
// password, name and word lists (shipped in the npm packages, no network) and against the
// person's own email, name and organisation. Server-only: the dictionaries are large.
export const MIN_PASSWORD_SCORE = 3;

const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

// Null when the password is fine; else why not and how to fix it, in one sentence or two.
export function passwordProblem(password: string, personalWords: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters for the password.`;
  const words = personalWords.flatMap((word) => word.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 3);
  const result = estimator.check(password.slice(0, 100), words);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ?? "This password is easy to guess.";
  const how =
    result.feedback.suggestions[0] ??
    "Use a few uncommon words together, or a longer mix of letters, digits and symbols.";
  return `${why} ${how}`;
}
