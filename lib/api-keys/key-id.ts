import { AppError } from "@/lib/errors";
import { keyIdSchema } from "@/lib/validations/api-key";

// A Key ID from a URL; one that can't exist is the same 404 as an unknown one.
export function parseKeyId(keyId: string): string {
  const parsed = keyIdSchema.safeParse(keyId);
  if (!parsed.success) throw new AppError("not_found", "No API key with this Key ID.");
  return parsed.data;
}
