import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

type Messages = { conflict: string; notFound: string; conflictField?: string };

const DEFAULTS: Messages = {
  conflict: "A record with these values already exists.",
  notFound: "This record no longer exists.",
};

// The one map from database errors to errors a person can act on. Errors that input can
// cause become 4xx with a stable code; a database that can't be reached becomes 503;
// anything else is left for the caller to treat as a fault of ours (500).
export function fromDatabaseError(error: unknown, messages: Messages = DEFAULTS): AppError | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    switch (error.code) {
      case "P2002":
        return new AppError(
          "conflict",
          messages.conflict,
          messages.conflictField ? { fieldErrors: { [messages.conflictField]: [messages.conflict] } } : undefined,
        );
      case "P2025":
        return new AppError("not_found", messages.notFound);
      case "P2003":
      case "P2014":
        return new AppError(
          "conflict",
          "A record this change refers to no longer exists, or is still in use. Reload and try again.",
        );
      case "P2000":
      case "P2006":
      case "P2007":
      case "P2011":
      case "P2012":
      case "P2019":
      case "P2020":
      case "P2023":
        return new AppError("validation_failed", "A value in the request can't be stored. Check it and try again.");
    }
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("service_unavailable", "The database is unavailable. Try again shortly.");
  }
  return null;
}

function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    // A raw query (P2010) names the driver's failure only in its metadata.
    if (error.code === "P2010") return isDriverUnavailable(error.meta?.driverAdapterError);
    return ["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"].includes(error.code);
  }
  const code = (error as { code?: string } | null)?.code;
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "57P01") return true;
  return isDroppedConnectionMessage(error instanceof Error ? error.message : "");
}

// node-postgres reports a dropped or unreachable server with plain Errors.
function isDroppedConnectionMessage(message: string): boolean {
  return /^Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Query read timeout|timeout expired/.test(
    message,
  );
}

const UNAVAILABLE_KINDS = ["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"];

function isDriverUnavailable(driverError: unknown): boolean {
  const cause = (
    driverError as { cause?: { kind?: string; code?: string; message?: string; originalMessage?: string } }
  )?.cause;
  if (!cause) return false;
  if (UNAVAILABLE_KINDS.includes(cause.kind ?? "") || cause.code === "57P01") return true;
  return isDroppedConnectionMessage(cause.originalMessage ?? cause.message ?? "");
}
