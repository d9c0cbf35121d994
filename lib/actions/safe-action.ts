import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { getCurrentMember, memberActor, type CurrentMember } from "@/lib/auth/current-member";
import { AppError } from "@/lib/errors";
import { allows, AREAS, LEVEL_LABELS, type Area, type Level } from "@/lib/permissions";
import { fieldErrorsOf } from "@/lib/validations/field-errors";

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: string; fieldErrors?: FieldErrors };

type Context = { member: CurrentMember; actor: Actor };

// Server actions are public POST endpoints. Every one goes through here: a live session
// of an existing member, the permission the action needs, and input parsed with zod,
// before the action runs with a typed context. Errors become one result shape.
export function memberAction<S extends z.ZodType, T extends object>(
  needs: { area: Area; level: Level },
  schema: S,
  run: (input: z.infer<S>, ctx: Context) => Promise<T>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const member = await getCurrentMember();
    if (!member) return { ok: false, error: "Your session has ended. Sign in again." };
    if (!allows(member.permissions, needs.area, needs.level)) {
      return {
        ok: false,
        error: `Your role needs ${LEVEL_LABELS[needs.level]} to ${AREAS[needs.area].label} for this.`,
      };
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    try {
      return { ok: true, ...(await run(parsed.data, { member, actor: memberActor(member) })) };
    } catch (error) {
      return toActionError(error);
    }
  };
}

export function invalid(error: z.ZodError): ActionResult<never> {
  const { form, fields } = fieldErrorsOf(error);
  return { ok: false, error: form[0] ?? "Check the highlighted fields.", fieldErrors: fields };
}

export function toActionError(error: unknown): ActionResult<never> {
  if (error instanceof AppError) {
    const fieldErrors = error.details?.fieldErrors as FieldErrors | undefined;
    return { ok: false, error: error.message, fieldErrors };
  }
  console.error("server action failed:", error instanceof Error ? error.name : "unknown error");
  return { ok: false, error: "Something went wrong. Nothing was changed; try again." };
}
