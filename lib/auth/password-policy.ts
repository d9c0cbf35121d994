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
  const inputs = userInputs(personalWords);
  const result = estimator.check(password.slice(0, 100), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) {
    // What is left without the names must hold up on its own ("Acme-Hotels-2026" is "--2026").
    const rest = withoutWords(password.slice(0, 100), inputs);
    if (rest === password.slice(0, 100) || estimator.check(rest, inputs).score >= MIN_PASSWORD_SCORE) return null;
    return "This password is built from your name, email or organisation's name. Add a few uncommon words of your own.";
  }
  const why = result.feedback.warning ?? "This password is easy to guess.";
  const how =
    result.feedback.suggestions[0] ??
    "Use a few uncommon words together, or a longer mix of letters, digits and symbols.";
  return `${why} ${how}`;
}

// zxcvbn's user inputs from the names and the email: each word, and the words run
// together ("Acme Hotels" gives "acme", "hotels" and "acmehotels"; "ada@acme.example" gives
// "ada", "acme", "example" and "adaacmeexample"), so neither "AcmeHotels2026!" nor
// "acmehotels123" passes.
function userInputs(personalWords: string[]): string[] {
  const inputs = personalWords.flatMap((text) => {
    const words = text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    return [...words, words.join("")];
  });
  return [...new Set(inputs.filter((word) => word.length >= 3))];
}

// The password without any of the words, longest first, regardless of case.
function withoutWords(password: string, words: string[]): string {
  const escaped = [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return escaped.length > 0 ? password.replace(new RegExp(escaped.join("|"), "giu"), "") : password;
}
