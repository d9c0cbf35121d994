import { describe, expect, it } from "vitest";
import { allPermissions, toPermissions } from "@/lib/permissions";
import { landingPath, safeNextPath } from "@/lib/portal/landing";

describe("where a sign-in lands", () => {
  it("keeps only paths of this site", () => {
    expect(safeNextPath("/roles")).toBe("/roles");
    expect(safeNextPath("/api-keys?q=x&sort=name")).toBe("/api-keys?q=x&sort=name");
    for (const evil of ["//evil.example", "/\\evil.example", "https://evil.example/", "evil", "/%2F%2Fevil", ""]) {
      const path = safeNextPath(evil);
      expect(path === null || path.startsWith("/%2F"), evil).toBe(true);
    }
    // Dot segments resolve to a path that starts with "//" (another host to a browser).
    for (const evil of ["/..//evil.example/x", "/a/..//evil.example/x", "/.//evil.example", "/%2e%2e//evil.example"])
      expect(safeNextPath(evil), evil).toBeNull();
    expect(safeNextPath("/a/../roles")).toBe("/roles");
    expect(safeNextPath("/sign-in?next=/x")).toBeNull();
    expect(safeNextPath("/api/v1/whoami")).toBeNull();
    expect(safeNextPath(["/roles"])).toBeNull();
  });

  it("else opens the first page the member's role may see", () => {
    expect(landingPath(allPermissions("READ"))).toBe("/api-keys");
    expect(landingPath(toPermissions([{ area: "vouchers", level: "READ" }]))).toBe("/vouchers");
    expect(landingPath(allPermissions("NONE"))).toBe("/account");
  });
});
