import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { clientAddress } from "./client-address";

// Where a request came from, for the audit log: set once per request by the API route
// wrapper and the server-action wrapper, read by whatever records an event.
export type RequestMeta = { clientAddress: string | null; userAgent: string | null; requestId: string };

const storage = new AsyncLocalStorage<RequestMeta>();

export function runWithRequest<T>(meta: RequestMeta, run: () => Promise<T>): Promise<T> {
  return storage.run(meta, run);
}

export function currentRequest(): RequestMeta | undefined {
  return storage.getStore();
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestMetaFrom(headers: Headers): RequestMeta {
  const incoming = headers.get("x-request-id");
  return {
    clientAddress: clientAddress(headers),
    userAgent: headers.get("user-agent")?.slice(0, 300) ?? null,
    requestId: incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID(),
  };
}
