// GET /api/reference – the interactive API reference (Scalar, served from our own npm
// packages, no CDN), reading /api/v1/openapi.json, with a link back to the portal (styled by
// a static stylesheet, so it needs no inline style).
const PAGE = `<!doctype html>
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
    <a class="wisp-back-to-portal" href="/api-keys">&larr; Back to portal</a>
    <script id="api-reference" data-url="/api/v1/openapi.json" data-configuration='{"hideClientButton":true,"withDefaultFonts":false,"showDeveloperTools":"never","agent":{"disabled":true}}'></script>
    <script src="/api/reference/scalar.js"></script>
  </body>
</html>`;

export function GET() {
  return new Response(PAGE, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
