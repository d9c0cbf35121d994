import type { Outcome } from "@/lib/validations/usage";

export function outcomeOf(status: number): Outcome {
  if (status === 401 || status === 403 || status === 429) return String(status) as Outcome;
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  return "2xx";
}

// Every outcome but 2xx counts toward the error rate.
export const isError = (outcome: string) => outcome !== "2xx";
