import { z } from "zod";
import { errorBodySchema } from "@/lib/validations/error-body";
import { AREAS, LEVEL_LABELS, levelForMethod } from "@/lib/permissions";
import { MAX_BODY_BYTES } from "./body";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import { operationIdOf } from "./operation-id";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    reused: "inline",
  }) as JsonSchema;
  return rest;
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function operation(endpoint: Endpoint) {
  const level = levelForMethod(endpoint.method);
  const pathParams = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const queryParams = endpoint.query
    ? Object.entries((schemaOf(endpoint.query, "input").properties ?? {}) as Record<string, JsonSchema>).map(
        ([name, schema]) => ({
          name,
          in: "query",
          required: false,
          schema,
        }),
      )
    : [];
  const allowlist = "or the key's IP allowlist does not include the caller (`ip_not_allowed`, naming the address seen)";
  const responses: Record<string, unknown> = {
    [endpoint.status]: endpoint.response
      ? { description: "Success", content: { "application/json": { schema: schemaOf(endpoint.response, "output") } } }
      : { description: "Success, no content" },
    ...(endpoint.public
      ? {}
      : {
          401: errorResponse("Missing, malformed, unknown, deleted, disabled or expired key (one body for all)."),
          429: {
            ...errorResponse(
              "Too many failed key checks from this client address; `retryAfter` seconds, as in Retry-After.",
            ),
            headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
          },
          403: errorResponse(
            endpoint.area
              ? `The key's role lacks ${LEVEL_LABELS[level]} to ${AREAS[endpoint.area].label} (\`forbidden\`), ${allowlist}.`
              : `The key's IP allowlist does not include the caller (\`ip_not_allowed\`, naming the address seen).`,
          ),
        }),
  };
  if (endpoint.public && endpoint.method !== "GET") {
    responses[429] = errorResponse("Too many calls from this client address; see Retry-After.");
  }
  if (endpoint.path.includes("{")) responses[404] = errorResponse("No such record in this account.");
  if (endpoint.query) responses[400] = errorResponse("Invalid query parameters.");
  if (endpoint.body) {
    responses[400] = errorResponse("Invalid body, with fieldErrors.");
    responses[409] = errorResponse("A unique value is taken, or the record is in use.");
    responses[413] = errorResponse(`Body larger than ${MAX_BODY_BYTES / 1024} KiB.`);
    responses[415] = errorResponse("Body is not application/json.");
  }
  return {
    summary: endpoint.summary,
    tags: [endpoint.tag],
    operationId: operationIdOf(endpoint),
    description: endpoint.public
      ? "No key needed."
      : endpoint.area
        ? `Needs **${LEVEL_LABELS[level]}** to **${AREAS[endpoint.area].label}**.`
        : "Any valid key.",
    "x-area": endpoint.area,
    "x-level": endpoint.area ? level : null,
    "x-public": endpoint.public ?? false,
    security: endpoint.public ? [] : [{ bearerAuth: [] }],
    parameters: [...pathParams, ...queryParams],
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: schemaOf(endpoint.body, "input"),
                ...(endpoint.example === undefined ? {} : { example: endpoint.example }),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

// OpenAPI 3.1, generated from the zod schemas the handlers validate with.
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path][endpoint.method.toLowerCase()] = operation(endpoint);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Wisp Portal API",
      version: "1.0.0",
      description:
        "Send an API key as `Authorization: Bearer <key>`. A key's role decides what it may call: " +
        "Read Access allows an area's GET endpoints, Full Access all of them. Errors are `{ error: { code, message } }`.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key, e.g. wisp_…" } },
      schemas: { Error: schemaOf(errorBodySchema, "output") },
    },
    security: [{ bearerAuth: [] }],
    paths,
  };
}
