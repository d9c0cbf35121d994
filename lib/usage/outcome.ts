// The outcome classes usage is counted by: 401, 403 and 429 apart from other 4xx.
export const OUTCOMES = ["2xx", "4xx", "401", "403", "429", "5xx"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function outcomeOf(status: number): Outcome {
  if (status === 401 || status === 403 || status === 429) return String(status) as Outcome;
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  return "2xx";
}

// Every outcome but 2xx counts toward the error rate.
export const isError = (outcome: string) => outcome !== "2xx";
