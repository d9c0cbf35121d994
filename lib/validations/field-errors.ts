import type { z } from "zod";

// Field errors keyed by the dotted path of the field ("permissions.audit_log"), so a
// nested field's message is not lost; problems with the whole input go to `form`.
export function fieldErrorsOf(error: z.ZodError): { form: string[]; fields: Record<string, string[]> } {
  const form: string[] = [];
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.path.length === 0) form.push(issue.message);
    else (fields[issue.path.join(".")] ??= []).push(issue.message);
  }
  return { form, fields };
}
