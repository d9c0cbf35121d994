import { describe, expect, it } from "vitest";
import { handOver, KEY_HANDOVER_HEADER, takeOver } from "@/lib/api/key-handover";

// The front door's hash reaches the route once, for the Authorization value it was made from.
describe("the key handover", () => {
  const authorization = "Bearer wisp_example";

  function doorPasses(hash: string | null): Record<string, string | string[] | undefined> {
    const raw: Record<string, string | string[] | undefined> = { authorization };
    handOver(raw, authorization, hash);
    return raw;
  }

  const routeSees = (raw: Record<string, string | string[] | undefined>) =>
    new Headers(Object.entries(raw).map(([name, value]) => [name, String(value)]));

  it("gives the route the door's hash once", () => {
    const headers = routeSees(doorPasses("abc123"));
    expect(takeOver(headers)).toBe("abc123");
    expect(takeOver(headers)).toBeUndefined();
  });

  it("passes on that the door found no well-formed secret", () => {
    expect(takeOver(routeSees(doorPasses(null)))).toBeNull();
  });

  it("gives nothing for another Authorization value", () => {
    const headers = routeSees(doorPasses("abc123"));
    headers.set("authorization", "Bearer wisp_other");
    expect(takeOver(headers)).toBeUndefined();
    headers.set("authorization", authorization);
    expect(takeOver(headers)).toBeUndefined(); // used up by the mismatch
  });

  it("gives nothing for an id the door never issued, or none", () => {
    expect(takeOver(new Headers({ authorization, [KEY_HANDOVER_HEADER]: crypto.randomUUID() }))).toBeUndefined();
    expect(takeOver(new Headers({ authorization }))).toBeUndefined();
  });
});
