import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";

// Content-Security-Policy of the portal's HTML. Scripts run only with this response's
// nonce ('strict-dynamic' lets them load Next's chunks); no inline script, no eval.
// Styles allow inline: React and Radix set style attributes, which nonces can't cover.
// The other security headers are static and set for every response in next.config.js.
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

type Extra = { fonts?: string; workers?: string; eval?: boolean };

export function contentSecurityPolicy(nonce: string, extra: Extra = {}): string {
  const evalAllowed = extra.eval || process.env.NODE_ENV === "development"; // React's dev tools use eval
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${evalAllowed ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    `font-src 'self'${extra.fonts ? ` ${extra.fonts}` : ""}`,
    "connect-src 'self'",
    ...(extra.workers ? [`worker-src ${extra.workers}`] : []),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(config.appUrl.startsWith("https://") ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
