import { expect } from "vitest";
import type { ReceivedMail } from "./smtp";

// Polls until a message matching `match` has arrived (no fixed wait) and returns it.
export async function waitForMail(
  list: () => ReceivedMail[],
  match: (mail: ReceivedMail) => boolean,
  timeout = 15_000,
): Promise<ReceivedMail> {
  await expect.poll(() => list().some(match), { timeout, interval: 50, message: "a matching mail" }).toBe(true);
  return list().find(match)!;
}
