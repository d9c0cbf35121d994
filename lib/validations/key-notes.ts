import { z } from "zod";
import { multiLine } from "./text";

// A key's notes for people: a description and `key=value` tags (lib/validations/api-key-view.ts).
// Tags are stored as "key=value" strings; a tag key holds no "=" or ":", so "env=prod" and
// the filter "env:prod" each split at their first separator.
export const MAX_KEY_TAGS = 20;
export const MAX_DESCRIPTION = 500;
const TAG_KEY = /^[A-Za-z0-9_.\-/]{1,64}$/;
const TAG_KEY_RULE = "A tag's key is 1 to 64 letters, digits, _ . - or /.";
const TAG_VALUE_MAX = 200;

export const descriptionSchema = multiLine(MAX_DESCRIPTION).meta({
  description: `Notes for people, at most ${MAX_DESCRIPTION} characters; "" for none.`,
  examples: ["Nightly export to the billing system; owned by the finance team."],
});

const tagValueSchema = z
  .string()
  .trim()
  .max(TAG_VALUE_MAX, `Use at most ${TAG_VALUE_MAX} characters for a tag's value.`)
  .refine((value) => !/[\n\t]/.test(value), "Keep a tag's value on one line.");

export const tagsSchema = z
  .record(z.string().regex(TAG_KEY, TAG_KEY_RULE), tagValueSchema)
  .refine((tags) => Object.keys(tags).length <= MAX_KEY_TAGS, `Use at most ${MAX_KEY_TAGS} tags.`)
  .meta({
    description: `Up to ${MAX_KEY_TAGS} tags, key to value; {} for none. A key is 1 to 64 of A-Z a-z 0-9 _ . - /.`,
    examples: [{ env: "prod", team: "billing" }],
  });

export type KeyTags = z.infer<typeof tagsSchema>;

// The portal's tag field: one `key=value` per line, each line named in its error.
export const tagLinesSchema = z
  .array(z.string().max(300, "Use at most 300 characters per tag."))
  .max(MAX_KEY_TAGS, `Use at most ${MAX_KEY_TAGS} tags.`)
  .transform((lines, ctx) => {
    const tags: KeyTags = {};
    lines.forEach((line, index) => {
      const split = line.indexOf("=");
      const key = (split < 0 ? line : line.slice(0, split)).trim();
      const value = split < 0 ? "" : line.slice(split + 1).trim();
      if (split < 0 || !TAG_KEY.test(key)) {
        ctx.addIssue({ code: "custom", path: [index], message: `“${line}” is not key=value. ${TAG_KEY_RULE}` });
      } else if (value.length > TAG_VALUE_MAX) {
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `Use at most ${TAG_VALUE_MAX} characters for a value.`,
        });
      } else if (key in tags) {
        ctx.addIssue({ code: "custom", path: [index], message: `The tag “${key}” is given twice.` });
      } else tags[key] = value;
    });
    return tags;
  });

// `?tag=env:prod` (or env=prod): keys carrying exactly that tag.
export const tagFilterSchema = z
  .string()
  .trim()
  .max(300)
  .transform((text, ctx) => {
    if (text === "") return undefined;
    const split = text.search(/[:=]/);
    const key = split < 0 ? "" : text.slice(0, split);
    if (!TAG_KEY.test(key)) {
      ctx.addIssue({ code: "custom", message: "Filter by a tag as key:value, e.g. env:prod." });
      return z.NEVER;
    }
    return storedTag(key, text.slice(split + 1));
  })
  .optional()
  .meta({ description: "Only keys with this tag, as key:value (e.g. env:prod).", examples: ["env:prod"] });

export function storedTag(key: string, value: string): string {
  return `${key}=${value}`;
}

export function toStoredTags(tags: KeyTags): string[] {
  return Object.entries(tags)
    .map(([key, value]) => storedTag(key, value))
    .sort();
}

export function fromStoredTags(stored: string[]): KeyTags {
  const tags: KeyTags = {};
  for (const tag of stored) {
    const split = tag.indexOf("=");
    tags[tag.slice(0, split)] = tag.slice(split + 1);
  }
  return tags;
}
