import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { api } from "../helpers/portal";
import { newAccount, type TestAccount } from "../helpers/account";
import { sampleFor } from "../helpers/samples";

const baseUrl = inject("baseUrl");
const APP_DIR = path.resolve(import.meta.dirname, "../../app");
// The document itself is the only route it does not describe.
const SELF = "GET /api/v1/openapi.json";

type Operation = {
  "x-public": boolean;
  responses: Record<string, { content?: { "application/json": { schema: object } } }>;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: { Error: object } };
};

// Every route handler file under app/<base> and the methods it exports, as "METHOD /base/path/{param}".
function routeHandlers(base: string, dir = path.join(APP_DIR, base), segments: string[] = [base]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // The catch-all answers paths that are no endpoint (JSON 404).
    if (entry.isDirectory() && entry.name !== "[[...path]]") {
      found.push(
        ...routeHandlers(base, path.join(dir, entry.name), [...segments, entry.name.replace(/^\[(\w+)\]$/, "{$1}")]),
      );
    } else if (entry.name === "route.ts") {
      const source = readFileSync(path.join(dir, entry.name), "utf8");
      const methods = new Set<string>();
      for (const match of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g))
        methods.add(match[1]);
      // Handlers made by otherMethods() answer 405 for the methods a route doesn't have.
      for (const match of source.matchAll(/export const \{([^}]+)\} = (?!otherMethods\()/g))
        for (const name of match[1].split(",")) methods.add(name.trim());
      for (const method of methods) found.push(`${method} /${segments.join("/")}`);
    }
  }
  return found;
}

let doc: Doc;
let account: TestAccount;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

beforeAll(async () => {
  doc = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json();
  account = await newAccount(baseUrl, "Contract Org");
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with the bearer scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(JSON.stringify(doc.components)).toContain('"scheme":"bearer"');
  });

  it("lists every route handler under app/api/v1 and app/.well-known, and nothing else", () => {
    const handlers = [...routeHandlers("api/v1"), ...routeHandlers(".well-known")]
      .filter((route) => route !== SELF)
      .sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`))
      .sort();
    expect(handlers.length).toBeGreaterThan(30);
    expect(documented).toEqual(handlers);
  });

  it("describes what every endpoint really answers", async () => {
    const mismatches: string[] = [];
    const validateError = ajv.compile(doc.components.schemas.Error);
    for (const [route, operations] of Object.entries(doc.paths)) {
      for (const [lowerMethod, operation] of Object.entries(operations)) {
        const method = lowerMethod.toUpperCase();
        const request = await sampleFor(method, route)(account, account);
        const response = await account.owner(request.path, { method, json: request.body, headers: request.headers });
        const documented = operation.responses[String(response.status)];
        if (!documented) {
          mismatches.push(`${method} ${route}: undocumented status ${response.status}`);
          continue;
        }
        const schema = documented.content?.["application/json"].schema;
        if (!schema) continue;
        const validate = ajv.compile(schema);
        if (!validate(await response.json()))
          mismatches.push(`${method} ${route} ${response.status}: ${ajv.errorsText(validate.errors)}`);

        if (operation["x-public"]) continue;
        const unauthorized = await api(baseUrl)(request.path, { method, json: request.body });
        if (!validateError(await unauthorized.json()))
          mismatches.push(`${method} ${route} 401: ${ajv.errorsText(validateError.errors)}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
