import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
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
  const retryAfter = appError.details?.retryAfterSeconds;
  if (appError.status === 429 && typeof retryAfter === "number") headers["Retry-After"] = String(retryAfter);
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
  if (isDatabaseUnavailable(error)) {
    return new AppError("service_unavailable", "The database is unavailable. Try again shortly.");
  }
  console.error("api request failed:", error instanceof Error ? error.name : "unknown error");
  return new AppError("internal_error", "Something went wrong on our side. Nothing was changed.");
}

function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError)
    return ["P1001", "P1002", "P1017", "P2024"].includes(error.code);
  const code = (error as { code?: string } | null)?.code;
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "57P01") return true;
  // node-postgres reports a dropped or unreachable server with plain Errors.
  const message = error instanceof Error ? error.message : "";
  return /^Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(message);
}
