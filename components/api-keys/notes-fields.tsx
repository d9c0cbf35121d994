"use client";

import { Field } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/actions/result";
import { cn } from "@/lib/cn";
import { MAX_DESCRIPTION, MAX_KEY_TAGS } from "@/lib/validations/key-notes";

export type NotesFormValues = { description: string; tags: string; bindToFirstAddress: boolean };

export const NO_NOTES: NotesFormValues = { description: "", tags: "", bindToFirstAddress: false };

export function notesFormValues(key: {
  description: string;
  tags: Record<string, string>;
  bindToFirstAddress: boolean;
}): NotesFormValues {
  return {
    description: key.description,
    tags: Object.entries(key.tags)
      .map(([name, value]) => `${name}=${value}`)
      .join("\n"),
    bindToFirstAddress: key.bindToFirstAddress,
  };
}

// One `key=value` per line; the server names each line it can't read.
export function tagLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

function fieldErrors(errors: FieldErrors | undefined, name: string): string | undefined {
  const messages = Object.entries(errors ?? {})
    .filter(([field]) => field === name || field.startsWith(`${name}.`))
    .flatMap(([, list]) => list ?? []);
  return messages.length > 0 ? messages.join(" ") : undefined;
}

const textarea = cn(
  "block w-full rounded-md border border-input bg-card px-3 py-2 text-sm text-foreground shadow-xs placeholder:text-muted-foreground",
  "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring aria-invalid:border-destructive",
);

// Bind to first address: a checkbox under the allowlist.
export function BindField({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-start gap-2 text-sm text-foreground">
      <input
        id="key-bind-first"
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="mt-0.5 accent-primary"
      />
      <span>
        Bind to first address
        <span className="block text-xs text-muted-foreground">
          The key’s first request sets the allowlist to its address (IPv4 /32, IPv6 /64).
        </span>
      </span>
    </label>
  );
}

// The description and tags of the create and edit dialogs.
export function NotesFields({
  values,
  onChange,
  errors,
}: {
  values: NotesFormValues;
  onChange: (values: NotesFormValues) => void;
  errors?: FieldErrors;
}) {
  const descriptionError = fieldErrors(errors, "description");
  const tagsError = fieldErrors(errors, "tags");
  return (
    <>
      <Field
        id="key-description"
        label="Description"
        error={descriptionError}
        hint={`Optional notes for people, at most ${MAX_DESCRIPTION} characters.`}
      >
        <textarea
          id="key-description"
          rows={2}
          maxLength={MAX_DESCRIPTION}
          value={values.description}
          aria-invalid={Boolean(descriptionError) || undefined}
          aria-describedby={descriptionError ? "key-description-error" : undefined}
          onChange={(event) => onChange({ ...values, description: event.target.value })}
          className={textarea}
        />
      </Field>
      <Field
        id="key-tags"
        label="Tags"
        error={tagsError}
        hint={`One key=value per line, e.g. env=prod; at most ${MAX_KEY_TAGS}.`}
      >
        <textarea
          id="key-tags"
          rows={2}
          spellCheck={false}
          autoComplete="off"
          placeholder="No tags"
          value={values.tags}
          aria-invalid={Boolean(tagsError) || undefined}
          aria-describedby={tagsError ? "key-tags-error" : undefined}
          onChange={(event) => onChange({ ...values, tags: event.target.value })}
          className={cn(textarea, "font-mono placeholder:font-sans")}
        />
      </Field>
    </>
  );
}
