// @wisp-portal/sdk: a typed client of the Wisp Portal API, generated from its OpenAPI document.
export { createWispClient, ok, type WispClient, type WispClientOptions } from "./client.js";
export { WispApiError, WispNetworkError, type ErrorBody, type WispErrorCode } from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export type * from "./types.js";
