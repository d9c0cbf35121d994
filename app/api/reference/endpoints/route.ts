import { openApiDocument } from "@/lib/api/openapi";
import { contentSecurityPolicy, newNonce } from "@/lib/security-headers";

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: { type?: unknown } };
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
// The document's descriptions use **bold** and `code`, nothing else.
const inline = (text: string) =>
  escape(text)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/`([^`]+)`/g, "<code>$1</code>");

const STYLE = `
  :root { color-scheme: light dark; --fg: #0f172a; --muted: #475569; --bg: #ffffff; --line: #cbd5e1; --link: #4338ca; --code: #f1f5f9; }
  @media (prefers-color-scheme: dark) { :root { --fg: #f1f5f9; --muted: #cbd5e1; --bg: #0f172a; --line: #334155; --link: #a5b4fc; --code: #1e293b; } }
  body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
  a { color: var(--link); }
  a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
  nav ul { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; padding: 0; list-style: none; }
  nav a { display: inline-block; padding: 0.625rem 0; }
  h1 { font-size: 1.75rem; margin: 0.5rem 0; }
  h2 { font-size: 1.375rem; margin: 2.5rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
  h3 { font-size: 1.0625rem; margin: 1.5rem 0 0.25rem; overflow-wrap: anywhere; }
  .method { display: inline-block; min-width: 4.5rem; font: 600 0.875rem/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
  code { font: 0.875em ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--code); padding: 0.0625rem 0.25rem; border-radius: 0.25rem; overflow-wrap: anywhere; }
  p, dd { color: var(--muted); margin: 0.25rem 0; }
  dl { margin: 0.25rem 0; }
  dt { font-weight: 600; margin-top: 0.5rem; }
  ul.params { margin: 0.25rem 0; padding-left: 1.25rem; color: var(--muted); }
`;

function endpointHtml(method: string, path: string, operation: Operation): string {
  const parameters = operation.parameters ?? [];
  const codes = Object.entries(operation.responses ?? {});
  return `
    <section aria-labelledby="${escape(`${method}-${path}`)}">
      <h3 id="${escape(`${method}-${path}`)}"><span class="method">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
      <p>${escape(operation.summary ?? "")}</p>
      ${operation.description ? `<p>${inline(operation.description)}</p>` : ""}
      <dl>
        ${
          parameters.length
            ? `<dt>Parameters</dt><dd><ul class="params">${parameters
                .map(
                  (parameter) =>
                    `<li><code>${escape(parameter.name)}</code> (${escape(parameter.in)}${parameter.required ? ", required" : ""})${
                      parameter.description ? `: ${inline(parameter.description)}` : ""
                    }</li>`,
                )
                .join("")}</ul></dd>`
            : ""
        }
        ${operation.requestBody ? `<dt>Body</dt><dd>JSON: its schema is in the OpenAPI file.</dd>` : ""}
        <dt>Responses</dt>
        <dd><ul class="params">${codes
          .map(([code, response]) => `<li><code>${escape(code)}</code> ${inline(response.description ?? "")}</li>`)
          .join("")}</ul></dd>
      </dl>
    </section>`;
}

function page(nonce: string): string {
  const document = openApiDocument();
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods as Record<string, Operation>)) {
      const tag = operation.tags?.[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), endpointHtml(method, path, operation)]);
    }
  }
  const tags = [...byTag.keys()];
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>API endpoints · Wisp Portal</title>
    <link rel="icon" href="/icon.svg" type="image/svg+xml" />
    <style nonce="${nonce}">${STYLE}</style>
  </head>
  <body>
    <main>
      <nav aria-label="API documentation">
        <ul>
          <li><a href="/api-keys">Back to portal</a></li>
          <li><a href="/api/reference">Interactive reference</a></li>
          <li><a href="/api/v1/openapi.json" download="wisp-openapi.json">OpenAPI file (JSON)</a></li>
        </ul>
      </nav>
      <h1>${escape(document.info.title)}: endpoints</h1>
      <p>${inline(document.info.description)}</p>
      <nav aria-label="Resources">
        <ul>${tags.map((tag) => `<li><a href="#${escape(tag)}">${escape(tag)}</a></li>`).join("")}</ul>
      </nav>
      ${tags
        .map(
          (tag) =>
            `<section aria-labelledby="${escape(tag)}"><h2 id="${escape(tag)}">${escape(tag)}</h2>${byTag.get(tag)!.join("")}</section>`,
        )
        .join("")}
    </main>
  </body>
</html>`;
}

// GET /api/reference/endpoints – every endpoint of /api/v1 as a plain HTML page: the
// accessible alternative to Scalar's interactive reference, from the same OpenAPI document.
export function GET() {
  const nonce = newNonce();
  return new Response(page(nonce), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": contentSecurityPolicy(nonce),
    },
  });
}
