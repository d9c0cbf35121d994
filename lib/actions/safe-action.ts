import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { getSignedInSession } from "@/lib/auth/current-member";
import type { CurrentSession } from "@/lib/auth/sessions";
import { assertFreshProof } from "@/lib/auth/step-up";
import { fromDatabaseError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { allows, AREAS, LEVEL_LABELS, type Area, type Level } from "@/lib/permissions";
import { fieldErrorsOf } from "@/lib/validations/field-errors";
import { assertNoControlCharacters } from "@/lib/validations/text";
import type { ActionResult, FieldErrors } from "./result";

type Context = { actor: Actor; session: CurrentSession };

const SESSION_ENDED = "Your session has ended. Sign in again.";
const SET_PASSWORD_FIRST = "Set your own password first: the one-time password can only be replaced.";
const CONFIRM_EMAIL_FIRST = "Confirm your email address first: enter the code from the mail we sent you.";
const SET_UP_TWO_FACTOR_FIRST = "Your account requires two-factor: set up a second factor first.";

// A dangerous change asks for a fresh proof of identity (lib/auth/step-up.ts): always
// (`true`), or when the parsed input makes it dangerous.
type StepUp<I> = boolean | ((input: I, ctx: Context) => boolean | Promise<boolean>);

// Server actions are public POST endpoints. Every one goes through here: a live session
// of an existing member whose login has confirmed its email, the permission the action
// needs, and input parsed with zod, before the action runs with a typed context (and the
// request's address, user agent and id for the audit log). Errors become one result shape.
export function memberAction<S extends z.ZodType, T extends object>(
  needs: { area: Area; level: Level },
  schema: S,
  run: (input: z.infer<S>, ctx: Context) => Promise<T>,
  options: { stepUp?: StepUp<z.infer<S>> } = {},
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const session = await getSignedInSession();
    if (!session) return { ok: false, error: SESSION_ENDED };
    if (!session.emailVerified) return { ok: false, error: CONFIRM_EMAIL_FIRST };
    if (session.mustChangePassword) return { ok: false, error: SET_PASSWORD_FIRST };
    if (session.mustSetUpTwoFactor) return { ok: false, error: SET_UP_TWO_FACTOR_FIRST };
    const { actor } = session;
    if (!allows(actor.permissions, needs.area, needs.level)) {
      return {
        ok: false,
        error: `Your role needs ${LEVEL_LABELS[needs.level]} to ${AREAS[needs.area].label} for this.`,
      };
    }
    return runParsed(schema, input, () => ({ actor, session }), withStepUp(options.stepUp, run));
  };
}

// The same for what a person does to their own login and sessions (account page,
// account switcher): a live session, no area permission. `whilePasswordMustChange`
// lets the one-time-password page use it, `whileEmailUnconfirmed` the "Check your email"
// page (and nothing else), `whileTwoFactorMissing` the two-factor setup and signing out.
export function sessionAction<S extends z.ZodType, T extends object>(
  schema: S,
  run: (input: z.infer<S>, ctx: Context) => Promise<T>,
  options: {
    whilePasswordMustChange?: boolean;
    whileEmailUnconfirmed?: boolean;
    whileTwoFactorMissing?: boolean;
    stepUp?: StepUp<z.infer<S>>;
  } = {},
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const session = await getSignedInSession();
    if (!session) return { ok: false, error: SESSION_ENDED };
    if (!session.emailVerified && !options.whileEmailUnconfirmed) return { ok: false, error: CONFIRM_EMAIL_FIRST };
    if (session.mustChangePassword && !options.whilePasswordMustChange) {
      return { ok: false, error: SET_PASSWORD_FIRST };
    }
    if (session.mustSetUpTwoFactor && !options.whileTwoFactorMissing && session.emailVerified) {
      return { ok: false, error: SET_UP_TWO_FACTOR_FIRST };
    }
    return runParsed(schema, input, () => ({ actor: session.actor, session }), withStepUp(options.stepUp, run));
  };
}

function withStepUp<I, T>(stepUp: StepUp<I> | undefined, run: (input: I, ctx: Context) => Promise<T>) {
  if (!stepUp) return run;
  return async (input: I, ctx: Context): Promise<T> => {
    if (stepUp === true || (await stepUp(input, ctx))) assertFreshProof(ctx.session);
    return run(input, ctx);
  };
}

async function runParsed<S extends z.ZodType, T extends object>(
  schema: S,
  input: unknown,
  context: () => Context,
  run: (input: z.infer<S>, ctx: Context) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    assertNoControlCharacters(input);
  } catch (error) {
    return toActionError(error);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const meta = requestMetaFrom(await headers());
    return { ok: true, ...(await runWithRequest(meta, () => run(parsed.data, context()))) };
  } catch (error) {
    // Next's redirect() inside an action must reach Next.
    unstable_rethrow(error);
    return toActionError(error);
  }
}

export function invalid(error: z.ZodError): ActionResult<never> {
  const { form, fields } = fieldErrorsOf(error);
  return { ok: false, error: form[0] ?? "Check the highlighted fields.", fieldErrors: fields };
}

export function toActionError(error: unknown): ActionResult<never> {
  const known = error instanceof AppError ? error : fromDatabaseError(error);
  if (known) {
    const fieldErrors = known.details?.fieldErrors as FieldErrors | undefined;
    if (known.details?.stepUp) return { ok: false, error: known.message, stepUp: true };
    return { ok: false, error: known.message, fieldErrors };
  }
  console.error("server action failed:", error instanceof Error ? error.name : "unknown error");
  return { ok: false, error: "Something went wrong. Nothing was changed; try again." };
}

// A unique clash (a role's name, an invited email) belongs to one field of the form: the
// error is given that field, so the form shows it under it. The API's answer is untouched.
export async function conflictOn<T>(field: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict" && !error.details?.fieldErrors)
      throw new AppError("conflict", error.message, { ...error.details, fieldErrors: { [field]: [error.message] } });
    throw error;
  }
}
