import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { BloomFilter, secretFilter } from "@/lib/key-cache/secret-filter";

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");
const hashes = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => hashOf(`${prefix}${i}`));

async function* pagesOf(list: string[], size = 1000) {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

describe("Bloom filter of live secrets", () => {
  it("finds every added hash and about 1% of others at its capacity", () => {
    const filter = new BloomFilter(100_000);
    const live = hashes("live-", 100_000);
    for (const hash of live) filter.add(hash);
    expect(live.every((hash) => filter.has(hash))).toBe(true);
    const madeUp = hashes("made-up-", 100_000);
    const falsePositives = madeUp.filter((hash) => filter.has(hash)).length / madeUp.length;
    expect(falsePositives).toBeLessThan(0.015);
    // 1,000,000 keys at ~1%: about 1.2 MB.
    expect(new BloomFilter(1_000_000).bytes).toBeLessThan(1_300_000);
  });
});

describe("the process's filter", () => {
  beforeEach(() => {
    secretFilter.setUsable(() => true);
    secretFilter.drop();
  });

  it("lets every hash through until a build completes, and refuses absent ones after", async () => {
    const [stored, madeUp] = [hashOf("stored"), hashOf("made up")];
    expect(secretFilter.mightBeLive(madeUp)).toBe(true);
    expect(await secretFilter.build(1, pagesOf([stored]))).toBe(true);
    expect(secretFilter.mightBeLive(stored)).toBe(true);
    expect(secretFilter.mightBeLive(madeUp)).toBe(false);
  });

  it("keeps additions made while it builds, and trusts nothing while memory can't be trusted", async () => {
    const added = hashOf("created during the build");
    async function* slowPages() {
      yield [hashOf("stored")];
      secretFilter.add(added);
      yield [hashOf("stored later")];
    }
    expect(await secretFilter.build(2, slowPages())).toBe(true);
    expect(secretFilter.mightBeLive(added)).toBe(true);
    secretFilter.add(hashOf("created after"));
    expect(secretFilter.mightBeLive(hashOf("created after"))).toBe(true);
    secretFilter.setUsable(() => false);
    expect(secretFilter.mightBeLive(hashOf("made up"))).toBe(true);
  });

  it("abandons a build overtaken by a drop (a lost coordinator connection)", async () => {
    async function* dropped() {
      yield [hashOf("stored")];
      secretFilter.drop();
      yield [hashOf("stored later")];
    }
    expect(await secretFilter.build(2, dropped())).toBe(false);
    expect(secretFilter.mightBeLive(hashOf("made up"))).toBe(true);
  });
});
