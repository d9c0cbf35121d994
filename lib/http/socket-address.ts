import http from "node:http";

// The TCP peer of each request, stamped into a header only the server can set.
// Next.js keeps a client's own X-Forwarded-For and drops the socket address, so without
// this a client could claim any address (and dodge an allowlist or a rate limit).
export const SOCKET_ADDRESS_HEADER = "x-wisp-socket-address";

const globalForSocket = globalThis as unknown as { wispSocketAddressInstalled?: boolean };

export function installSocketAddressHeader(): void {
  if (globalForSocket.wispSocketAddressInstalled) return;
  globalForSocket.wispSocketAddressInstalled = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
