import { describe, expect, it, vi } from "vitest";

// Sealing what must be read back (an identity provider's client secret, a sign-in in
// progress): AES-256-GCM under a key derived from AUTH_SECRET, one key per purpose.
vi.mock("server-only", () => ({}));

async function box(secret: string) {
  vi.resetModules();
  vi.stubEnv("AUTH_SECRET", secret);
  return import("@/lib/auth/sealed");
}

describe("sealed secrets (lib/auth/sealed.ts)", () => {
  it("opens what it sealed, and nothing else: another purpose, another AUTH_SECRET, a changed byte", async () => {
    const { seal, unseal } = await box("first-auth-secret-for-tests");
    const sealed = seal("sso-client-secret", "client-secret-value");
    expect(sealed).not.toContain("client-secret-value");
    expect(seal("sso-client-secret", "client-secret-value")).not.toBe(sealed);
    expect(unseal("sso-client-secret", sealed)).toBe("client-secret-value");
    expect(unseal("sso-flow", sealed)).toBeNull();
    const [version, iv, tag, body] = sealed.split(".");
    const changed = Buffer.from(body, "base64url");
    changed[0] ^= 1;
    expect(unseal("sso-client-secret", [version, iv, tag, changed.toString("base64url")].join("."))).toBeNull();
    expect(unseal("sso-client-secret", "v1.short")).toBeNull();
    expect(unseal("sso-client-secret", "plain text")).toBeNull();

    const other = await box("another-auth-secret-for-tests");
    expect(other.unseal("sso-client-secret", sealed)).toBeNull();
    vi.unstubAllEnvs();
  });
});
