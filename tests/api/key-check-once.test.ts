import { describe, expect, inject, it } from "vitest";
import { generateSecret } from "@/lib/api-keys/format";
import { createKeyWithRole, expectJson, newAccount, roleNamed } from "../helpers/account";

// Each request's key is parsed and hashed once: by the front door, which hands the hash to
// the route (lib/api/key-handover.ts), counted by GET /api/test/key-cache.
const baseUrl = inject("baseUrl");
const N = 20;

type KeyCacheFigures = { secretsHashed: number; lookups: number; doorRefusals: number };

async function figures(): Promise<KeyCacheFigures> {
  return expectJson<KeyCacheFigures>(await fetch(`${baseUrl}/api/test/key-cache`), 200);
}

// Each made-up key from an address of its own, so the brake on failed checks (which other
// tests on this server feed from loopback) never answers 429 instead.
const freshAddress = () => `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

function madeUp(path: string, headers: Record<string, string> = {}) {
  return call(path, generateSecret(), { "X-Forwarded-For": freshAddress(), ...headers });
}

function call(path: string, secret: string, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${secret}`, ...headers } });
}

describe("one key check per request", () => {
  it("hashes a valid key once per request, from its first use on", async () => {
    const account = await newAccount(baseUrl, "Key Check Once Org");
    const readOnly = await roleNamed(account.owner, "Read Only");
    const key = await createKeyWithRole(baseUrl, account.owner, readOnly.id, "checked once");
    const before = await figures();
    for (let i = 0; i < N; i++) {
      const path = i % 2 === 0 ? "/api/v1/whoami" : "/api/v1/api-keys?pageSize=1";
      expect((await call(path, key.secret)).status).toBe(200);
    }
    const after = await figures();
    expect(after.secretsHashed - before.secretsHashed).toBe(N);
    expect(after.lookups - before.lookups).toBe(1); // its first use; memory from then on
  });

  it("hashes a made-up key once and answers it at the door without a lookup", async () => {
    const before = await figures();
    for (let i = 0; i < N; i++) expect((await madeUp("/api/v1/whoami")).status).toBe(401);
    const after = await figures();
    expect(after.secretsHashed - before.secretsHashed).toBe(N);
    expect(after.doorRefusals - before.doorRefusals).toBe(N);
    expect(after.lookups - before.lookups).toBe(0);
  });

  it("takes no handover from a client's header", async () => {
    const account = await newAccount(baseUrl, "Key Check Header Org");
    const forged = { "X-Wisp-Key-Check": crypto.randomUUID() };
    expect((await madeUp("/api/v1/whoami", forged)).status).toBe(401);
    expect((await call("/api/v1/whoami", account.ownerKey.secret, forged)).status).toBe(200);
  });
});
