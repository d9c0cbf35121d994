import { describe, expect, it } from "vitest";
import { ssoSettingsSchema } from "@/lib/validations/sso";

const base = { issuer: "https://login.example.com/", clientId: "portal" };

describe("the single sign-on settings schema", () => {
  it("normalises domains (case, @, separators, duplicates) and the issuer's trailing slash", () => {
    const parsed = ssoSettingsSchema.parse({ ...base, allowedDomains: "@Example.COM\nb.example.org; example.com" });
    expect(parsed).toMatchObject({
      issuer: "https://login.example.com",
      allowedDomains: ["example.com", "b.example.org"],
      clientSecret: "",
      requireSso: false,
      allowJoin: false,
      defaultRoleId: null,
    });
  });

  it("names a bad domain, on the domains field", () => {
    const result = ssoSettingsSchema.safeParse({ ...base, allowedDomains: "example.com, not-a-domain" });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["allowedDomains", "“not-a-domain” is not a domain: enter domains such as example.com, separated by commas."],
    ]);
  });

  it("refuses joining without domains, and issuers that aren't http(s) URLs", () => {
    const join = ssoSettingsSchema.safeParse({ ...base, allowedDomains: "", allowJoin: true });
    expect(join.error?.issues[0]).toMatchObject({ path: ["allowedDomains"] });
    for (const issuer of ["ftp://login.example.com", "login.example.com", "javascript:alert(1)"]) {
      expect(ssoSettingsSchema.safeParse({ ...base, issuer, allowedDomains: "" }).success, issuer).toBe(false);
    }
  });
});
