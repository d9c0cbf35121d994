import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { resolveChecked, RefusedAddressError, type CheckedAddress } from "./address-policy";

// One POST of a signed event to an endpoint: its host resolved and every address checked
// (address-policy.ts), the connection made to the first checked address (the lookup below
// answers only that one, so nothing re-resolves the name), TLS verified against the URL's
// host name. 10 s for the whole exchange; redirects are not followed (a 3xx is a failure);
// only the answer's first 1 KiB is read.
export const TIMEOUT_MS = 10_000;
export const RESPONSE_BYTES = 1024;

export type SendResult = { status: number | null; ok: boolean; latencyMs: number; response: string };

export async function sendSigned(target: string, headers: Record<string, string>, body: string): Promise<SendResult> {
  const started = performance.now();
  const done = (result: Omit<SendResult, "latencyMs">): SendResult => ({
    ...result,
    latencyMs: Math.round(performance.now() - started),
  });
  const url = new URL(target);
  let address: CheckedAddress;
  try {
    [address] = await resolveChecked(url);
  } catch (error) {
    if (error instanceof RefusedAddressError)
      return done({ status: null, ok: false, response: `Not sent: ${error.message}` });
    throw error;
  }
  try {
    const { status, response } = await post(url, address, headers, body);
    const ok = status >= 200 && status < 300;
    const note = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
    return done({
      status,
      ok,
      response: note ? `${response}${note}`.slice(0, RESPONSE_BYTES + note.length) : response,
    });
  } catch (error) {
    return done({ status: null, ok: false, response: `No answer: ${describeNetworkError(error)}` });
  }
}

function post(url: URL, pinned: CheckedAddress, headers: Record<string, string>, body: string) {
  // The connection goes to the checked address whatever name it asks for.
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<{ status: number; response: string }>((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: "POST",
        lookup,
        agent: false,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "Wisp-Webhooks/1",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const text = Buffer.concat(chunks).subarray(0, RESPONSE_BYTES).toString("utf8");
          resolve({ status: response.statusCode ?? 0, response: text });
        };
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_BYTES) {
            response.destroy();
            finish();
          }
        });
        response.on("end", finish);
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function describeNetworkError(error: unknown): string {
  const { code, name, message } = (error ?? {}) as { code?: string; name?: string; message?: string };
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${TIMEOUT_MS / 1000} s`;
  if (code === "ECONNREFUSED") return "the connection was refused";
  if (code === "ECONNRESET") return "the connection was reset";
  if (code && /CERT|SSL|TLS/.test(code)) return `the TLS certificate was not accepted (${code})`;
  return (message ?? String(error)).replace(/[a-z][a-z0-9+.-]*:\/\/[^\s]+/gi, "<url>").slice(0, 200);
}
