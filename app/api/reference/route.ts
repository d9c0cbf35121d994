import { contentSecurityPolicy, newNonce } from "@/lib/security-headers";

const page = (nonce: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>API Reference · Wisp Portal</title>
    <link rel="icon" href="/favicon.ico" sizes="32x32" />
    <link rel="icon" href="/icon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/api-reference.css" />
  </head>
  <body>
    <nav class="wisp-reference-links" aria-label="API documentation">
      <a href="/api/reference/endpoints">Plain list of endpoints</a>
      <a href="/api/v1/openapi.json" download="wisp-openapi.json">OpenAPI file</a>
    </nav>
    <a class="wisp-back-to-portal" href="/api-keys">&larr; Back to portal</a>
    <script nonce="${nonce}" id="api-reference" data-url="/api/v1/openapi.json" data-configuration='{"hideClientButton":true,"withDefaultFonts":false,"showDeveloperTools":"never","agent":{"disabled":true}}'></script>
    <script nonce="${nonce}" src="/api/reference/scalar.js"></script>
  </body>
</html>`;

// GET /api/reference – the interactive API reference (Scalar, served from our own npm
// packages, no CDN), reading /api/v1/openapi.json. Its own policy: a nonce like the
// pages, plus eval, which Scalar's bundled zod probes for as it loads and then uses.
// The page holds no data of its own; no inline script runs without the nonce.
export function GET() {
  const nonce = newNonce();
  return new Response(page(nonce), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": contentSecurityPolicy(nonce, { fonts: "data:", workers: "'self' blob:", eval: true }),
    },
  });
}
