import { describe, expect, it } from "vitest";
import { crc32 } from "node:zlib";
import {
  checksumOf,
  generateKeyId,
  generateSecret,
  hashSecret,
  isWellFormed,
  KEY_PREFIX,
  randomBase62,
  toBase62,
  visibleStart,
} from "@/lib/api-keys/format";
import { parseBearer } from "@/lib/api-keys/bearer";

describe("secret format", () => {
  it("is the prefix, 32 random base62 characters and a 6-character checksum", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^wisp_[0-9A-Za-z]{38}$/);
    const random = secret.slice(KEY_PREFIX.length, KEY_PREFIX.length + 32);
    expect(secret.slice(-6)).toBe(toBase62(crc32(random), 6));
    expect(isWellFormed(secret)).toBe(true);
  });

  it("carries at least 128 bits of randomness", () => {
    expect(32 * Math.log2(62)).toBeGreaterThan(190);
    const secrets = new Set(Array.from({ length: 2000 }, generateSecret));
    expect(secrets.size).toBe(2000);
  });

  it("uses every base62 character, evenly enough", () => {
    const counts = new Map<string, number>();
    for (const char of randomBase62(62_000)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const count of counts.values()) expect(count).toBeGreaterThan(700);
  });

  it("rejects a changed character, a wrong prefix, a wrong length and junk", () => {
    const secret = generateSecret();
    const flipped = secret.slice(0, 10) + (secret[10] === "a" ? "b" : "a") + secret.slice(11);
    expect(isWellFormed(flipped)).toBe(false);
    expect(isWellFormed("wisq_" + secret.slice(5))).toBe(false);
    expect(isWellFormed(secret + "a")).toBe(false);
    expect(isWellFormed(secret.slice(0, -1))).toBe(false);
    expect(isWellFormed("")).toBe(false);
    expect(isWellFormed(secret.replace(/.$/, "!"))).toBe(false);
  });

  it("pads the checksum to six characters", () => {
    expect(toBase62(0, 6)).toBe("000000");
    expect(toBase62(61, 6)).toBe("00000z");
    expect(toBase62(2 ** 32 - 1, 6)).toHaveLength(6);
    expect(checksumOf("abc")).toHaveLength(6);
  });
});

describe("hash, visible start and Key ID", () => {
  it("hashes with SHA-256 and never returns the secret", () => {
    const secret = generateSecret();
    const hash = hashSecret(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashSecret(secret));
    expect(hash).not.toContain(secret.slice(5, 15));
    expect(hashSecret(generateSecret())).not.toBe(hash);
  });

  it("shows only the prefix and four characters", () => {
    const secret = generateSecret();
    expect(visibleStart(secret)).toBe(secret.slice(0, 9));
  });

  it("makes Key IDs that look nothing like secrets", () => {
    const keyId = generateKeyId();
    expect(keyId).toMatch(/^key_[0-9A-Za-z]{16}$/);
    expect(isWellFormed(keyId)).toBe(false);
  });
});

describe("Authorization header", () => {
  it("accepts Bearer in any case with one token", () => {
    expect(parseBearer("Bearer abc")).toBe("abc");
    expect(parseBearer("bearer   abc")).toBe("abc");
  });

  it("rejects other schemes, empty and multiple tokens", () => {
    expect(parseBearer(null)).toBeNull();
    expect(parseBearer("")).toBeNull();
    expect(parseBearer("Basic abc")).toBeNull();
    expect(parseBearer("Bearer")).toBeNull();
    expect(parseBearer("Bearer a b")).toBeNull();
    expect(parseBearer("Bearerabc")).toBeNull();
  });
});
