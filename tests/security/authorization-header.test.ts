import fc from "fast-check";
import { beforeAll, describe, inject, it } from "vitest";
import { newAccount, type TestAccount } from "../helpers/account";
import { fuzz, runs } from "./fuzz";

const baseUrl = inject("baseUrl");
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
let account: TestAccount;
let canonical401: string;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Fuzz Auth Org");
  canonical401 = await (await fetch(`${baseUrl}/api/v1/whoami`)).text();
});

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) });
const base62 = (length: number) =>
  fc.string({ unit: fc.constantFrom(...BASE62), minLength: length, maxLength: length });

describe("the Authorization header, fuzzed", () => {
  it("never answers 5xx, and never 2xx without the valid key", async () => {
    const valid = account.ownerKey.secret;
    const headers = fc.oneof(
      printable,
      printable.map((text) => `Bearer ${text}`),
      base62(38).map((body) => `Bearer wisp_${body}`),
      fc
        .tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom(...BASE62))
        .map(([index, char]) => `Bearer ${valid.slice(0, index)}${char}${valid.slice(index + 1)}`),
      fc
        .tuple(
          fc.constantFrom("Bearer", "bearer", "BEARER", "Basic", "Token"),
          fc.constantFrom(" ", "  ", "\t"),
          fc.constantFrom(valid, valid + " ", valid.slice(1), valid + "x"),
        )
        .map(([scheme, space, token]) => `${scheme}${space}${token}`),
    );
    await fuzz("Authorization header (never 5xx, never 2xx without a key)", headers, runs(6000), async (header) => {
      const response = await fetch(`${baseUrl}/api/v1/whoami`, { headers: { Authorization: header } });
      const body = await response.text();
      const token = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header)?.[1];
      if (response.status >= 500) return `${response.status} for ${JSON.stringify(header)}`;
      if (response.ok && token !== valid) return `2xx without the key: ${JSON.stringify(header)}`;
      if (token === valid && !response.ok) return `the valid key was refused: ${JSON.stringify(header)}`;
      if (response.status === 401 && body !== canonical401) return `a different 401: ${body}`;
      return null;
    });
  });
});
