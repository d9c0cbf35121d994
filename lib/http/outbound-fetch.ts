import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

// A fetch for requests the portal makes to hosts its users name (an identity provider's
// issuer URL), which must not be aimable at the portal's own network: every address the
// host resolves to is checked at connection time (so a DNS answer that changes between a
// check and the connection can't slip through), and a literal IP is checked before the
// request. Only public unicast addresses pass unless `allowPrivateNetworks`; cloud metadata
// addresses never do. Answers are cut off at `maxBytes`, and the whole request at `timeoutMs`.
export class OutboundRefused extends Error {
  constructor(host: string) {
    super(`${host} is on a private, loopback or otherwise reserved network.`);
    this.name = "OutboundRefused";
  }
}

export type OutboundOptions = { allowPrivateNetworks: boolean; timeoutMs?: number; maxBytes?: number };

// Cloud metadata endpoints are refused even where private networks are allowed.
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

function parse(address: string) {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && parse(address).range() === "unicast";
}

function allowed(address: string, allowPrivate: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = parse(address);
  if (METADATA.has(parsed.toNormalizedString()) || METADATA.has(parsed.toString())) return false;
  return allowPrivate || parsed.range() === "unicast";
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.some((entry) => !allowed(entry.address, allowPrivate));
      if (refused) return callback(new OutboundRefused(hostname), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      callback(null, first.address, first.family);
    });
  };
}

// What openid-client (and plain fetch callers) pass.
type OutboundInit = { method?: string; headers?: HeadersInit; body?: unknown; signal?: AbortSignal | null };

export function outboundFetch(options: OutboundOptions) {
  const { allowPrivateNetworks, timeoutMs = 5000, maxBytes = 1_000_000 } = options;
  return async (input: string | URL, init: OutboundInit = {}): Promise<Response> => {
    const url = new URL(input.toString());
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new TypeError(`unsupported URL ${url.protocol}`);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (ipaddr.isValid(host) && !allowed(host, allowPrivateNetworks)) throw new OutboundRefused(host);
    const body =
      init.body === undefined || init.body === null ? undefined : await new Response(init.body as BodyInit).text();
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const transport = url.protocol === "https:" ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = transport.request(
        url,
        { method: init.method ?? "GET", headers, lookup: guardedLookup(allowPrivateNetworks), timeout: timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          let tooLarge = false;
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= maxBytes) return void chunks.push(chunk);
            tooLarge = true;
            response.destroy();
            reject(new Error(`answer larger than ${maxBytes} bytes`));
          });
          response.on("error", reject);
          response.on("end", () => {
            if (tooLarge) return;
            const answerHeaders = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
                answerHeaders.append(name, one);
              }
            }
            const status = response.statusCode ?? 502;
            const nullBody = status === 204 || status === 304;
            resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: answerHeaders }));
          });
        },
      );
      const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      request.on("close", () => clearTimeout(deadline));
      request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on("error", reject);
      init.signal?.addEventListener("abort", () => request.destroy(new Error("aborted")));
      request.end(body);
    });
  };
}
