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
    const reason = (cause as { cause?: { code?: string; message?: string } })?.cause;
    super(`Could not reach ${url}: ${reason?.code ?? reason?.message ?? (cause as Error)?.message ?? String(cause)}.`, {
      cause,
    });
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as ErrorBody | null)?.error;
  return (
    typeof error === "object" && error !== null && typeof error.code === "string" && typeof error.message === "string"
  );
}
