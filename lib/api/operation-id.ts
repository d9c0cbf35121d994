import type { Endpoint } from "./endpoints";

// The OpenAPI operationId of an endpoint, e.g. GET /api/v1/api-keys/{keyId} → getApiKeysKeyId.
// The document names operations by it, and usage is counted by it.
export function operationIdOf(endpoint: Pick<Endpoint, "method" | "path">): string {
  const path = endpoint.path.replace(/\/api\/v1|[{}]/g, "").replace(/[/.-]+(\w)/g, (_, c: string) => c.toUpperCase());
  return `${endpoint.method.toLowerCase()}${path}`;
}
