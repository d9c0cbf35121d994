import { beforeAll, describe, expect, inject, it } from "vitest";
import { AREA_NAMES, LEVELS, levelRank, type Level } from "@/lib/permissions";
import { api } from "../helpers/portal";
import { createKeyWithRole, createRole, expectJson, newAccount, type Call, type TestAccount } from "../helpers/account";
import { sampleFor } from "../helpers/samples";

const baseUrl = inject("baseUrl");
type Operation = {
  "x-area": string | null;
  "x-level": Level | null;
  "x-public": boolean;
  responses: Record<string, unknown>;
};
type Doc = { paths: Record<string, Record<string, Operation>> };
let own: TestAccount;
let other: TestAccount;
let doc: Doc;
const keys = {} as Record<Level, Call>;
// Full Access everywhere, scoped to one network of its account (lib/records/scope.ts).
let scoped: Call;
const SCOPED_AREAS = ["users", "groups", "networks", "vouchers"];

// What the scoped key gets: the role's answer, narrowed by the scope. The samples' Wi-Fi
// records belong to no network, so they are outside it (404, like another account's) and
// creating them is refused (403); roles, members, unscoped keys and webhook endpoints reach
// the whole account, so it can't change them (403).
function expectedScoped(method: string, path: string, operation: Operation, whose: string, success: number) {
  const area = operation["x-area"];
  if (operation["x-public"] || area === null) return success;
  if (whose === "other") return 404;
  if (SCOPED_AREAS.includes(area)) return path.includes("{") ? 404 : method === "GET" ? success : 403;
  if (method === "GET") return success;
  if (["/api/v1/roles", "/api/v1/team", "/api/v1/api-keys"].some((prefix) => path.startsWith(prefix))) return 403;
  // A webhook endpoint receives the whole account's events: a scoped key can't set one up.
  if (/^\/api\/v1\/webhooks(\/\{id\}(\/roll-secret)?)?$/.test(path)) return 403;
  return success;
}

beforeAll(async () => {
  [own, other] = await Promise.all([newAccount(baseUrl, "Matrix Own"), newAccount(baseUrl, "Matrix Other")]);
  doc = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json();
  // One role per level, every area at that level (capped where an area is read only).
  for (const level of LEVELS) {
    const role = await createRole(
      own.owner,
      Object.fromEntries(AREA_NAMES.map((area) => [area, area === "audit_log" && level === "FULL" ? "READ" : level])),
      `All ${level}`,
    );
    keys[level] = (await createKeyWithRole(baseUrl, own.owner, role.id, `matrix ${level}`)).call;
  }
  const venue = await expectJson<{ id: string }>(
    await own.owner("/api/v1/networks", { method: "POST", json: { name: "Matrix venue", ssid: "Venue" } }),
    201,
  );
  const full = await createRole(
    own.owner,
    Object.fromEntries(AREA_NAMES.map((area) => [area, area === "audit_log" ? "READ" : "FULL"])),
    "All FULL scoped",
  );
  const key = await expectJson<{ secret: string }>(
    await own.owner("/api/v1/api-keys", {
      method: "POST",
      json: { name: "matrix scoped", roleId: full.id, scope: { networks: [venue.id] } },
    }),
    201,
  );
  scoped = api(baseUrl, key.secret);
});

describe("authorization matrix: every endpoint × level (and a scoped key) × account × key", () => {
  it("answers each combination with exactly the expected status", async () => {
    const results: string[] = [];
    let cases = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [lowerMethod, operation] of Object.entries(operations)) {
        const method = lowerMethod.toUpperCase();
        const sample = sampleFor(method, path);
        const success = Number(Object.keys(operation.responses).find((status) => status.startsWith("2")));
        const hasId = path.includes("{");
        for (const account of hasId ? [own, other] : [own]) {
          const whose = account === own ? "own" : "other";
          // No key at all.
          // No key at all: 401, except where no key is needed.
          const anonymous = await sample(account, own);
          const noKey = await api(baseUrl)(anonymous.path, {
            method,
            json: anonymous.body,
            headers: anonymous.headers,
          });
          cases++;
          const expectedNoKey = operation["x-public"] ? success : 401;
          if (noKey.status !== expectedNoKey) results.push(`${method} ${path} ${whose} no key: ${noKey.status}`);
          for (const level of LEVELS) {
            const request = await sample(account, own);
            const response = await keys[level](request.path, { method, json: request.body, headers: request.headers });
            const needed = operation["x-level"];
            const allowed = operation["x-public"] || needed === null || levelRank(level) >= levelRank(needed);
            const expected = !allowed ? 403 : whose === "other" ? 404 : success;
            cases++;
            if (response.status !== expected) {
              results.push(
                `${method} ${path} ${whose} ${level}: expected ${expected}, got ${response.status} ${(await response.text()).slice(0, 200)}`,
              );
            } else if (expected === 404) {
              expect(JSON.stringify(await response.json())).not.toContain(request.path.split("/").pop());
            }
          }
          const request = await sample(account, own);
          const response = await scoped(request.path, { method, json: request.body, headers: request.headers });
          const expected = expectedScoped(method, path, operation, whose, success);
          cases++;
          if (response.status !== expected) {
            results.push(
              `${method} ${path} ${whose} scoped: expected ${expected}, got ${response.status} ${(await response.text()).slice(0, 200)}`,
            );
          }
        }
      }
    }
    console.log(`authorization matrix: ${cases} cases checked`);
    expect(results).toEqual([]);
    expect(cases).toBeGreaterThan(150);
  }, 240_000);
});
