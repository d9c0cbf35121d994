import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { fromDatabaseError } from "@/lib/db/errors";
import { fieldErrorsOf } from "@/lib/validations/field-errors";

const NO_STORE = { "Cache-Control": "no-store" };

export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: NO_STORE });
}

export function noContent(): NextResponse {
  return new NextResponse(null, { status: 204, headers: NO_STORE });
}

// Every error leaves as { error: { code, message, ...details } } with its status.
// Raw error messages never reach the client.
export function errorResponse(error: unknown): NextResponse {
  const appError = toAppError(error);
  const headers: Record<string, string> = { ...NO_STORE };
  if (appError.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="api"';
  return NextResponse.json(
    { error: { code: appError.code, message: appError.message, ...appError.details } },
    { status: appError.status, headers },
  );
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const { form, fields } = fieldErrorsOf(error);
    return new AppError("validation_failed", form[0] ?? "The request has invalid fields.", { fieldErrors: fields });
  }
  const fromDatabase = fromDatabaseError(error);
  if (fromDatabase) return fromDatabase;
  console.error("api request failed:", error instanceof Error ? error.name : "unknown error");
  return new AppError("internal_error", "Something went wrong on our side. Nothing was changed.");
}
