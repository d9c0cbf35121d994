import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/test/clock/route";
import { GET as getMemory } from "@/app/api/test/memory/route";
import { generateSecret, isWellFormed, KEY_FORMAT } from "@/lib/api-keys/format";
import { stateOf, toSecretJson } from "@/lib/validations/api-key-view";
import { now } from "@/lib/clock";

describe("the published key format", () => {
  it("finds every generated key in surrounding text, and only whole keys", () => {
    const pattern = new RegExp(KEY_FORMAT.pattern, "g");
    for (let i = 0; i < 200; i++) {
      const secret = generateSecret();
      expect(`token="${secret}"`.match(pattern)).toEqual([secret]);
    }
    expect(`x${generateSecret()}`.match(pattern)).toBeNull();
    expect(`${generateSecret()}9`.match(pattern)).toBeNull();
    expect(KEY_FORMAT.length).toBe(generateSecret().length);
  });

  it("is the pattern the documentation publishes", () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, "../../docs/keys-and-lifecycle.md"), "utf8");
    expect(docs).toContain("`" + KEY_FORMAT.pattern + "`");
  });

  it("states the checksum rule that isWellFormed applies", () => {
    expect(KEY_FORMAT.checksum).toContain("CRC-32");
    const secret = generateSecret();
    expect(isWellFormed(secret)).toBe(true);
    expect(isWellFormed(secret.slice(0, -1) + (secret.endsWith("0") ? "1" : "0"))).toBe(false);
  });
});

describe("states", () => {
  const at = new Date("2026-06-01T12:00:00Z");
  it("puts expired before disabled, and ends an expiry at its instant", () => {
    expect(stateOf({ enabled: true, expiresAt: null }, at)).toBe("active");
    expect(stateOf({ enabled: false, expiresAt: null }, at)).toBe("disabled");
    expect(stateOf({ enabled: true, expiresAt: at }, at)).toBe("expired");
    expect(stateOf({ enabled: false, expiresAt: new Date(at.getTime() - 1) }, at)).toBe("expired");
    expect(stateOf({ enabled: true, expiresAt: new Date(at.getTime() + 1) }, at)).toBe("active");
  });

  it("names a secret current, in its grace period, or ended", () => {
    const secret = (validUntil: Date | null) => toSecretJson({ start: "wisp_abcd", createdAt: at, validUntil }, at);
    expect(secret(null).state).toBe("current");
    expect(secret(new Date(at.getTime() + 1)).state).toBe("grace");
    expect(secret(at).state).toBe("ended");
  });
});

describe("the test clock", () => {
  it("does not exist unless the server was started with WISP_TEST_CLOCK=1", async () => {
    expect(process.env.WISP_TEST_CLOCK).toBeUndefined();
    expect((await GET()).status).toBe(404);
    const request = new Request("http://localhost/api/test/clock", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ offsetSeconds: 86_400 }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect((await POST(request as any)).status).toBe(404);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("and neither does the bench's memory report", () => {
    expect(getMemory(new Request("http://localhost/api/test/memory")).status).toBe(404);
  });
});
