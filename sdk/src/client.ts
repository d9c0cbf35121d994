import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";
import { WispApiError, WispNetworkError } from "./errors.js";

export type WispClient = Client<paths>;

export type WispClientOptions = {
  // The portal's origin, e.g. https://portal.example.com (paths start with /api/v1).
  baseUrl: string;
  // An API key, sent as Authorization: Bearer; leave it out for the public endpoints.
  apiKey?: string;
  // Another fetch (a test's, a proxy agent's); default: the global one.
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
  // Give up on a call unanswered this long (WispNetworkError); default: wait.
  timeoutMs?: number;
};

// A typed client of the portal's API (openapi-fetch over the generated schema): each call
// answers { data } or { error, response }; `ok()` turns that into the data or a thrown
// WispApiError. A request that gets no answer throws WispNetworkError.
export function createWispClient(options: WispClientOptions): WispClient {
  if (options.apiKey !== undefined && !/^\S+$/.test(options.apiKey)) {
    throw new TypeError("The API key is empty or contains spaces or line breaks.");
  }
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const { timeoutMs } = options;
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    fetch: timeoutMs === undefined ? send : (request) => withTimeout(send, request, timeoutMs),
    headers: {
      ...options.headers,
      ...(options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}),
    },
  });
  client.use({ onError: ({ request, error }) => new WispNetworkError(new URL(request.url).origin, error) });
  return client;
}

type Answer = { data?: unknown; error?: unknown; response: Response };

// The data of a successful call, or the call's error as a thrown WispApiError.
//   const key = await ok(wisp.POST("/api/v1/api-keys", { body: { name, roleId } }));
export async function ok<A extends Answer>(call: Promise<A>): Promise<Extract<A, { error?: never }>["data"]> {
  const answer = await call;
  if (!answer.response.ok) throw new WispApiError(answer.response, answer.error);
  return answer.data as Extract<A, { error?: never }>["data"];
}

// Gives up after timeoutMs, however the request fares: undici (Node's fetch) follows a
// Request's signal only through weak references, and an abort was seen lost when the
// request copy that carried it had been garbage-collected (AbortSignal.timeout alike).
// So the call races a timer, and the copy is held (inFlight) until the call settles.
const inFlight = new Set<Request>();
async function withTimeout(send: (request: Request) => Promise<Response>, request: Request, timeoutMs: number) {
  const controller = new AbortController();
  const timedOut = new DOMException(`No answer within ${timeoutMs} ms.`, "TimeoutError");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timedOut);
      reject(timedOut);
    }, timeoutMs);
  });
  const timed = new Request(request, { signal: controller.signal });
  inFlight.add(timed);
  try {
    return await Promise.race([send(timed), expiry]);
  } finally {
    clearTimeout(timer);
    inFlight.delete(timed);
  }
}
