"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, type SelectOption } from "@/components/ui/select";
import { formatDate } from "@/lib/format-date";
import { EXPIRY_PRESETS, type ExpiryPreset } from "@/lib/validations/api-key";

export type ExpiryValue = { choice: ExpiryPreset | "never" | "custom" | "keep"; custom: string };

const DAY_MS = 86_400_000;
const PRESET_LABELS: Record<ExpiryPreset, string> = {
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  "1y": "1 year",
};

// The longest preset within the account's maximum, else a custom date; "never" without one.
export function defaultExpiry(maxDays: number | null): ExpiryValue {
  if (maxDays === null) return { choice: "never", custom: "" };
  const presets = Object.entries(EXPIRY_PRESETS) as [ExpiryPreset, number][];
  const fitting = presets.filter(([, days]) => days <= maxDays).pop();
  return fitting ? { choice: fitting[0], custom: "" } : { choice: "custom", custom: "" };
}

// The form's choice as the server action takes it: a preset, "never", "keep", or the
// custom local date-time as an ISO instant. Null: a custom date is missing.
export function expiryChoiceOf(value: ExpiryValue): string | null {
  if (value.choice !== "custom") return value.choice;
  const at = new Date(value.custom);
  return value.custom && !Number.isNaN(at.getTime()) ? at.toISOString() : null;
}

// Presets beyond the account's maximum lifetime can't be chosen, nor can "Never".
export function ExpiryField({
  value,
  onChange,
  maxDays,
  currentExpiresAt,
  error,
}: {
  value: ExpiryValue;
  onChange: (value: ExpiryValue) => void;
  maxDays: number | null;
  // Editing: the key's expiry now (null: never), offered as "Keep".
  currentExpiresAt?: string | null;
  error?: string;
}) {
  // The custom date's bounds are counted from when the field appeared.
  const [shownAt] = useState(() => Date.now());
  const over = (days: number) => maxDays !== null && days > maxDays;
  const options: SelectOption[] = [
    ...(currentExpiresAt !== undefined
      ? [{ value: "keep", label: currentExpiresAt ? `Keep: ${formatDate(currentExpiresAt, true)}` : "Keep: never" }]
      : []),
    ...(Object.entries(EXPIRY_PRESETS) as [ExpiryPreset, number][]).map(([preset, days]) => ({
      value: preset,
      label: PRESET_LABELS[preset],
      disabled: over(days),
      note: over(days) ? `over the ${maxDays}-day maximum` : undefined,
    })),
    { value: "custom", label: "Custom date and time" },
    {
      value: "never",
      label: "Never",
      disabled: maxDays !== null,
      note: maxDays !== null ? `keys must expire within ${maxDays} days` : undefined,
    },
  ];
  const maxLocal = maxDays !== null ? toLocalInput(new Date(shownAt + maxDays * DAY_MS)) : undefined;
  return (
    <Field
      id="key-expiry"
      label="Expiry"
      error={error}
      hint={[
        value.choice in EXPIRY_PRESETS
          ? `Until ${formatDate(new Date(shownAt + EXPIRY_PRESETS[value.choice as ExpiryPreset] * DAY_MS).toISOString(), true)}.`
          : null,
        maxDays !== null ? `This account’s keys must expire within ${maxDays} days.` : null,
      ]
        .filter(Boolean)
        .join(" ")}
    >
      <Select
        id="key-expiry"
        value={value.choice}
        invalid={Boolean(error)}
        onValueChange={(choice) => onChange({ ...value, choice: choice as ExpiryValue["choice"] })}
        options={options}
      />
      {value.choice === "custom" ? (
        <Input
          type="datetime-local"
          aria-label="Expiry date and time"
          className="mt-2"
          min={toLocalInput(new Date(shownAt))}
          max={maxLocal}
          value={value.custom}
          aria-invalid={Boolean(error) || undefined}
          onChange={(event) => onChange({ ...value, custom: event.target.value })}
        />
      ) : null}
    </Field>
  );
}

// A Date as a datetime-local input's value (the browser's time zone, to the minute).
function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
