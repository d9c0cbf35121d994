"use client";

import { useId } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/actions/result";
import { cn } from "@/lib/cn";
import type { FieldSpec, FormValues } from "./resource-forms";

// The fields of a resource's form, from its spec; each shows its own error from the server.
export function ResourceFields({
  fields,
  values,
  onChange,
  errors,
}: {
  fields: FieldSpec[];
  values: FormValues;
  onChange: (values: FormValues) => void;
  errors?: FieldErrors;
}) {
  const prefix = useId();
  return (
    <div className="space-y-4">
      {fields.map((field) => {
        const id = `${prefix}-${field.name}`;
        const error = errors?.[field.name]?.[0];
        const set = (value: string) => onChange({ ...values, [field.name]: value });
        const common = {
          id,
          name: field.name,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
        };
        return (
          <Field key={field.name} id={id} label={field.label} error={error} hint={field.hint}>
            {field.type === "select" ? (
              <Select
                id={id}
                value={values[field.name] ?? ""}
                onValueChange={set}
                options={field.options ?? []}
                invalid={Boolean(error)}
              />
            ) : field.type === "textarea" ? (
              <textarea
                {...common}
                value={values[field.name] ?? ""}
                onChange={(event) => set(event.target.value)}
                rows={3}
                className={cn(
                  "block w-full rounded-md border border-input bg-card px-3 py-2 text-sm text-foreground shadow-xs",
                  "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring aria-invalid:border-destructive",
                )}
              />
            ) : (
              <Input
                {...common}
                type={field.type === "datetime" ? "datetime-local" : field.type}
                inputMode={field.type === "number" ? "numeric" : undefined}
                min={field.min}
                max={field.max}
                required={Boolean(field.required)}
                value={values[field.name] ?? ""}
                onChange={(event) => set(event.target.value)}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}
