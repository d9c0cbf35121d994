// The TCP peer of each request, stamped into this header by the portal's own HTTP server
// (scripts/serve.mjs), which overwrites whatever a client sent under that name. Next.js
// keeps a client's own X-Forwarded-For and drops the socket address, so without it a
// client could claim any address (and dodge an allowlist or a rate limit).
export const SOCKET_ADDRESS_HEADER = "x-wisp-socket-address";
