import fc from "fast-check";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectJson, newAccount, type TestAccount } from "../helpers/account";
import { sampleFor } from "../helpers/samples";
import { bodyFor, fuzz, nasty, runs } from "./fuzz";

const baseUrl = inject("baseUrl");
type Schema = { properties?: Record<string, unknown> };
type Operation = {
  requestBody?: { content: { "application/json": { schema: Schema } } };
  parameters?: { name: string; in: string }[];
};
type Doc = { paths: Record<string, Record<string, Operation>> };

let account: TestAccount;
let doc: Doc;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Fuzz Org");
  doc = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json();
});

// The newest audit event's id: every write records exactly one, so an unchanged id
// after a request proves that request wrote nothing.
async function newestEvent(): Promise<string | undefined> {
  const { items } = await expectJson<{ items: { id: string }[] }>(
    await account.owner("/api/v1/audit-log?pageSize=1"),
    200,
  );
  return items[0]?.id;
}

function operations(filter: (method: string, operation: Operation) => boolean) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method, operation]) => filter(method.toUpperCase(), operation))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

async function problem(response: Response, label: string): Promise<string | null> {
  const text = await response.text();
  if (response.status >= 500) return `${label}: ${response.status} ${text.slice(0, 300)}`;
  if (response.status === 400) {
    const error = JSON.parse(text).error;
    if (error.code === "validation_failed" && !error.fieldErrors && !error.message)
      return `${label}: 400 without reasons`;
  }
  return null;
}

describe("every JSON body the API accepts, fuzzed", () => {
  it("answers invalid bodies with 4xx and field errors, never 5xx, and writes nothing on a 4xx", async () => {
    const withBodies = operations((_, operation) => Boolean(operation.requestBody));
    expect(withBodies.length).toBeGreaterThan(15);
    for (const { method, path, operation } of withBodies) {
      const sample = await sampleFor(method, path)(account, account);
      const schema = operation.requestBody!.content["application/json"].schema;
      const valid = (sample.body ?? {}) as Record<string, unknown>;
      let before = await newestEvent();
      await fuzz(
        `body of ${method} ${path}`,
        bodyFor(valid, Object.keys(schema.properties ?? {})),
        // 150 a body per database, each with its own seed (300 values an operation in all);
        // FUZZ_RUNS=N tries N times as many.
        runs(150),
        async (body) => {
          const response = await account.owner(sample.path, { method, json: body });
          const failure = await problem(response, `${method} ${path} ${JSON.stringify(body).slice(0, 200)}`);
          if (failure) return failure;
          const after = await newestEvent();
          if (response.status >= 400 && after !== before) {
            return `${method} ${path}: ${response.status} but a change was recorded for ${JSON.stringify(body).slice(0, 200)}`;
          }
          before = after;
          return null;
        },
      );
    }
  });
});

describe("every query parameter, fuzzed", () => {
  it("answers 200 or 400 with field errors, never 5xx", async () => {
    const withQueries = operations(
      (method, operation) =>
        method === "GET" && Boolean(operation.parameters?.some((parameter) => parameter.in === "query")),
    );
    expect(withQueries.length).toBeGreaterThan(5);
    for (const { path, operation } of withQueries) {
      const sample = await sampleFor("GET", path)(account, account);
      for (const { name } of operation.parameters!.filter((parameter) => parameter.in === "query")) {
        const values = fc.oneof(
          nasty.map((value) => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""))),
          fc.string(),
        );
        await fuzz(`query ${name} of GET ${path}`, values, runs(60), async (value) => {
          const url = `${sample.path}?${new URLSearchParams({ [name]: value })}`;
          const response = await account.owner(url);
          if (response.status !== 200 && response.status !== 400) return `GET ${url}: ${response.status}`;
          return problem(response, `GET ${url}`);
        });
      }
    }
  });
});
