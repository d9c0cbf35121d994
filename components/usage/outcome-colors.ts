import type { Outcome } from "@/lib/validations/usage";

// Chart colours from app/globals.css, so both themes have their own.
export const OUTCOME_STYLE: Record<Outcome, { label: string; color: string }> = {
  "2xx": { label: "2xx success", color: "var(--chart-2xx)" },
  "4xx": { label: "4xx other", color: "var(--chart-4xx)" },
  "401": { label: "401 unauthorized", color: "var(--chart-401)" },
  "403": { label: "403 forbidden", color: "var(--chart-403)" },
  "429": { label: "429 limited", color: "var(--chart-429)" },
  "5xx": { label: "5xx server error", color: "var(--chart-5xx)" },
};
