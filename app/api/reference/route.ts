// GET /api/reference – the interactive API reference (Scalar, served from our own npm
// packages, no CDN), reading /api/v1/openapi.json
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>API Reference · Wisp Portal</title>
  </head>
  <body>
    <script id="api-reference" data-url="/api/v1/openapi.json" data-configuration='{"hideClientButton":true,"withDefaultFonts":false,"showDeveloperTools":"never","agent":{"disabled":true}}'></script>
    <script src="/api/reference/scalar.js"></script>
  </body>
</html>`;

export function GET() {
  return new Response(PAGE, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
