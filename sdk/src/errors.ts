import type { components } from "./generated/schema.js";

export type ErrorBody = components["schemas"]["Error"];
// The portal's error codes, plus "unexpected_response" for an answer that is not one of
// its JSON error bodies (e.g. a proxy's HTML page).
export type WispErrorCode = ErrorBody["error"]["code"] | "unexpected_response";

// The portal answered with an error status: its code, message and field errors, typed.
export class WispApiError extends Error {
  override readonly name = "WispApiError";
  readonly status: number;
  readonly code: WispErrorCode;
  // Per field of the body, what is wrong with it (validation_failed).
  readonly fieldErrors: Record<string, string[]>;
  // Seconds to wait, from Retry-After (429, 503).
  readonly retryAfter: number | null;
  readonly body: unknown;

  constructor(response: Response, body: unknown) {
    const error = isErrorBody(body) ? body.error : null;
    super(error?.message ?? `The server answered ${response.status} ${response.statusText}.`.replace(" .", "."));
    this.status = response.status;
    this.code = error?.code ?? "unexpected_response";
    this.fieldErrors = error?.fieldErrors ?? {};
    const retryAfter = Number(response.headers.get("Retry-After") ?? Number.NaN);
    this.retryAfter = Number.isFinite(retryAfter) ? retryAfter : null;
    this.body = body;
  }
}

// No answer at all: the portal could not be reached, or the connection broke.
export class WispNetworkError extends Error {
  override readonly name = "WispNetworkError";
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`Could not reach ${url}: ${reasonOf(cause)}.`, { cause });
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be looked up",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  TimeoutError: "no answer in time",
};

// undici's "fetch failed" names the reason in its cause's code.
function reasonOf(error: unknown): string {
  const { name, message, cause } = (error ?? {}) as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const code = cause?.code ?? name ?? "";
  return REASONS[code] ?? cause?.code ?? cause?.message ?? message ?? String(error);
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as ErrorBody | null)?.error;
  return (
    typeof error === "object" && error !== null && typeof error.code === "string" && typeof error.message === "string"
  );
}
