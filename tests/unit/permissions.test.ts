import { describe, expect, it } from "vitest";
import { allPermissions, allows, AREA_NAMES, exceeding, levelForMethod, toPermissions } from "@/lib/permissions";

describe("permissions", () => {
  it("maps GET and HEAD to Read and every other method to Full", () => {
    expect(levelForMethod("GET")).toBe("READ");
    expect(levelForMethod("HEAD")).toBe("READ");
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(levelForMethod(method)).toBe("FULL");
  });

  it("orders levels: Full allows Read, Read does not allow Full, No Access allows nothing", () => {
    const role = { ...allPermissions("NONE"), users: "FULL", groups: "READ" } as const;
    expect(allows(role, "users", "READ")).toBe(true);
    expect(allows(role, "groups", "READ")).toBe(true);
    expect(allows(role, "groups", "FULL")).toBe(false);
    expect(allows(role, "networks", "READ")).toBe(false);
  });

  it("treats a missing area as No Access and caps the audit log at Read", () => {
    const permissions = toPermissions([
      { area: "users", level: "READ" },
      { area: "retired_area", level: "FULL" },
    ]);
    expect(permissions.users).toBe("READ");
    expect(permissions.api_keys).toBe("NONE");
    expect(Object.keys(permissions)).toEqual(AREA_NAMES);
    expect(allPermissions("FULL").audit_log).toBe("READ");
  });

  it("lists the areas where a requested role goes beyond one's own", () => {
    const own = { ...allPermissions("READ"), api_keys: "FULL" } as const;
    expect(exceeding(allPermissions("READ"), own)).toEqual([]);
    expect(exceeding({ ...allPermissions("NONE"), api_keys: "FULL" }, own)).toEqual([]);
    expect(exceeding(allPermissions("FULL"), own)).toEqual(
      AREA_NAMES.filter((area) => area !== "api_keys" && area !== "audit_log"),
    );
  });
});
