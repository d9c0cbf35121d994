"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/actions/result";
import type { KeyLimitsInput } from "@/lib/validations/key-limits";

// A key's optional limits in the create and edit dialogs, as typed (strings); empty means none.
export type LimitFormValues = { perSecond: string; perMinute: string; quotaLimit: string; quotaPeriod: string };

export const NO_LIMITS: LimitFormValues = { perSecond: "", perMinute: "", quotaLimit: "", quotaPeriod: "month" };

export function limitFormValues(key: {
  rateLimit: { perSecond: number | null; perMinute: number | null } | null;
  quota: { limit: number; period: string } | null;
}): LimitFormValues {
  return {
    perSecond: key.rateLimit?.perSecond?.toString() ?? "",
    perMinute: key.rateLimit?.perMinute?.toString() ?? "",
    quotaLimit: key.quota?.limit.toString() ?? "",
    quotaPeriod: key.quota?.period ?? "month",
  };
}

// What the action receives: numbers (a typo stays NaN, for the server's message) or null.
export function toLimitsInput(values: LimitFormValues): KeyLimitsInput {
  const number = (text: string) => (text.trim() === "" ? null : Number(text.trim()));
  const perSecond = number(values.perSecond);
  const perMinute = number(values.perMinute);
  const quotaLimit = number(values.quotaLimit);
  return {
    rateLimit: perSecond === null && perMinute === null ? null : { perSecond, perMinute },
    quota: quotaLimit === null ? null : { limit: quotaLimit, period: values.quotaPeriod as "day" | "month" },
  };
}

export function LimitFields({
  values,
  onChange,
  errors,
}: {
  values: LimitFormValues;
  onChange: (values: LimitFormValues) => void;
  errors?: FieldErrors;
}) {
  const number = (id: string, label: string, field: keyof LimitFormValues, errorKey: string) => (
    <Field id={id} label={label} error={errors?.[errorKey]?.[0]}>
      <Input
        id={id}
        inputMode="numeric"
        placeholder="No limit"
        autoComplete="off"
        value={values[field]}
        aria-invalid={Boolean(errors?.[errorKey]) || undefined}
        aria-describedby={errors?.[errorKey] ? `${id}-error` : undefined}
        onChange={(event) => onChange({ ...values, [field]: event.target.value })}
      />
    </Field>
  );
  return (
    <fieldset className="space-y-3 rounded-md border border-border p-3">
      <legend className="px-1 text-sm font-medium">Limits (optional)</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {number("key-per-second", "Requests per second", "perSecond", "rateLimit.perSecond")}
        {number("key-per-minute", "Requests per minute", "perMinute", "rateLimit.perMinute")}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {number("key-quota", "Quota (requests)", "quotaLimit", "quota.limit")}
        <Field id="key-quota-period" label="Quota period" error={errors?.["quota.period"]?.[0]}>
          <Select
            id="key-quota-period"
            value={values.quotaPeriod}
            onValueChange={(quotaPeriod) => onChange({ ...values, quotaPeriod })}
            options={[
              { value: "day", label: "Per day (UTC)" },
              { value: "month", label: "Per month (UTC)" },
            ]}
          />
        </Field>
      </div>
      <p className="text-xs text-muted-foreground">
        Over a rate limit the key gets 429 with Retry-After; a quota refills when its day or month starts (UTC).
      </p>
    </fieldset>
  );
}
