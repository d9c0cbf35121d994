import { describe, expect, it } from "vitest";
import { unusedDays } from "@/components/api-keys/unused-days";
import { bindingRange } from "@/lib/http/ip-allowlist";
import { fromStoredTags, tagFilterSchema, tagLinesSchema, tagsSchema, toStoredTags } from "@/lib/validations/key-notes";

describe("key tags", () => {
  it("are stored as sorted key=value strings and read back", () => {
    const stored = toStoredTags({ team: "billing", env: "prod=1" });
    expect(stored).toEqual(["env=prod=1", "team=billing"]);
    expect(fromStoredTags(stored)).toEqual({ env: "prod=1", team: "billing" });
  });

  it("refuse keys with a separator, and more than 20", () => {
    expect(tagsSchema.safeParse({ "env:x": "a" }).success).toBe(false);
    expect(tagsSchema.safeParse({ "env=x": "a" }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, ""]));
    expect(tagsSchema.safeParse(many).success).toBe(false);
  });

  it("read the portal's lines, naming each bad one", () => {
    expect(tagLinesSchema.parse(["env=prod", " team = billing "])).toEqual({ env: "prod", team: "billing" });
    const result = tagLinesSchema.safeParse(["env=prod", "oops", "env=dev"]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [[1], expect.stringContaining("“oops” is not key=value")],
      [[2], "The tag “env” is given twice."],
    ]);
  });

  it("filter by key:value or key=value", () => {
    expect(tagFilterSchema.parse("env:prod")).toBe("env=prod");
    expect(tagFilterSchema.parse("env=prod")).toBe("env=prod");
    expect(tagFilterSchema.parse("url:https://x")).toBe("url=https://x");
    expect(tagFilterSchema.parse("")).toBeUndefined();
    expect(tagFilterSchema.safeParse("novalue").success).toBe(false);
  });
});

describe("bind to first address", () => {
  it("binds IPv4 to the address and IPv6 to its /64", () => {
    expect(bindingRange("203.0.113.7")).toBe("203.0.113.7");
    expect(bindingRange("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(bindingRange("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(bindingRange(null)).toBeNull();
    expect(bindingRange("not an address")).toBeNull();
  });
});

describe("unused days", () => {
  it("counts whole days from the last use, or from creation", () => {
    const day = 86_400_000;
    const created = "2026-01-01T00:00:00.000Z";
    const at = Date.parse(created);
    expect(unusedDays({ createdAt: created, lastUsedAt: null }, at + day - 1)).toBeNull();
    expect(unusedDays({ createdAt: created, lastUsedAt: null }, at + 8 * day)).toBe(8);
    expect(unusedDays({ createdAt: created, lastUsedAt: "2026-01-05T00:00:00.000Z" }, at + 8 * day)).toBe(4);
  });
});
