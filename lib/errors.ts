// One error type for the domain. Route handlers turn it into a JSON body with a stable
// `code`; server actions into a form error. Its message is written for people.
export type ErrorCode =
  | "unauthorized"
  | "forbidden"
  | "ip_not_allowed"
  | "not_found"
  | "method_not_allowed"
  | "validation_failed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "too_many_requests"
  | "bad_request"
  | "service_unavailable"
  | "internal_error";

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  // A valid key used from an address outside its IP allowlist.
  ip_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  validation_failed: 400,
  bad_request: 400,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  service_unavailable: 503,
  internal_error: 500,
};

export const ERROR_CODES = Object.keys(STATUS) as [ErrorCode, ...ErrorCode[]];

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export function fieldError(field: string, message: string): AppError {
  return new AppError("validation_failed", message, { fieldErrors: { [field]: [message] } });
}
