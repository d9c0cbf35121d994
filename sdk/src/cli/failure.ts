import { WispApiError, WispNetworkError } from "../errors.js";

// The wisp command's exit statuses, by outcome (docs/sdk-and-cli.md lists them).
export const EXIT = {
  ok: 0,
  // A mistyped command or option, a missing value, no API key or URL.
  usage: 1,
  // The key was refused (401), or may not do this (403: its role, or its IP allowlist).
  auth: 2,
  // No such key, role or other record in this account (404).
  notFound: 3,
  // The portal did not accept the input (400), or it conflicts with what is there (409).
  invalid: 4,
  // The portal failed (5xx), asked to slow down (429), or could not be reached.
  server: 5,
} as const;

// A failure the command found itself, with the status it exits with.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof WispApiError) {
    if (error.status === 401 || error.status === 403) return EXIT.auth;
    if (error.status === 404) return EXIT.notFound;
    if ([400, 409, 413, 415, 422].includes(error.status)) return EXIT.invalid;
  }
  return EXIT.server;
}

// What went wrong, in plain words, for a person reading the terminal.
export function describe(error: unknown, baseUrl: string): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof WispNetworkError) {
    return `${error.message} Is the portal running there? (Set its address in WISP_URL or --portal.)`;
  }
  // openapi-fetch parses a successful answer as JSON: this one wasn't.
  if (error instanceof SyntaxError) {
    return `The answer from ${baseUrl} is not the portal's JSON: is WISP_URL (or --portal) the portal's address?`;
  }
  if (!(error instanceof WispApiError)) return `Something unexpected went wrong: ${(error as Error)?.message ?? error}`;
  const fields = Object.entries(error.fieldErrors).map(([field, messages]) => `\n  ${field}: ${messages.join(" ")}`);
  switch (error.status) {
    case 401:
      return (
        `The portal at ${baseUrl} refused the API key: it is mistyped, unknown, deleted, disabled or expired. ` +
        "Check WISP_API_KEY (or what --api-key-stdin read)."
      );
    case 403:
      return `The key may not do this: ${error.message}`;
    case 404:
      return `Not found: ${error.message}`;
    case 400:
    case 409:
    case 413:
    case 415:
    case 422:
      return `The portal did not accept this: ${error.message}${fields.join("")}`;
    case 429:
      return `The portal asks to slow down: ${error.message}${error.retryAfter === null ? "" : ` Try again in ${error.retryAfter} s.`}`;
    default:
      return `The portal failed to answer (${error.status} ${error.code}): ${error.message}`;
  }
}

// The same, as JSON for --json (on standard error).
export function describeJson(error: unknown, baseUrl: string) {
  const base = { exitCode: exitCodeOf(error), message: describe(error, baseUrl) };
  if (error instanceof WispApiError) {
    return {
      error: {
        ...base,
        status: error.status,
        code: error.code,
        serverMessage: error.message,
        ...(Object.keys(error.fieldErrors).length > 0 ? { fieldErrors: error.fieldErrors } : {}),
      },
    };
  }
  return { error: { ...base, code: error instanceof WispNetworkError ? "network_error" : "cli_error" } };
}
