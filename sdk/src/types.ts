import type { operations } from "./generated/schema.js";

// The JSON of an operation's success answer, and of its request body, by operationId
// (GET /api/v1/api-keys/{keyId} is "getApiKeysKeyId": the method, then the path in camel case).
type Success<O extends keyof operations> = Extract<keyof operations[O]["responses"], 200 | 201 | 202>;
export type ResponseOf<O extends keyof operations> = operations[O]["responses"][Success<O>] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;
export type BodyOf<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

export type WhoAmI = ResponseOf<"getWhoami">;
export type ApiKey = ResponseOf<"getApiKeys">["items"][number];
export type ApiKeyDetail = ResponseOf<"getApiKeysKeyId">;
export type CreatedApiKey = ResponseOf<"postApiKeys">;
export type CreateApiKeyInput = BodyOf<"postApiKeys">;
export type UpdateApiKeyInput = BodyOf<"patchApiKeysKeyId">;
export type GracePeriod = BodyOf<"postApiKeysKeyIdRoll">["gracePeriod"];
export type Usage = ResponseOf<"getUsage">;
export type Role = ResponseOf<"getRolesId">;
