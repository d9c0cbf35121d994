import { describe, expect, it, vi } from "vitest";
import { passwordProblem } from "@/lib/auth/password-policy";

// The module is marked server-only (its dictionaries are large); the marker only guards bundles.
vi.mock("server-only", () => ({}));

// The account's name, the person's name and their email are the strength check's user
// inputs: a password built from them is refused, however they are run together.
describe("passwordProblem", () => {
  const personal = ["ada@acme.example", "Ada Lovelace", "Acme Hotels"];

  it("refuses passwords built from the account's or the person's name", () => {
    for (const password of ["AcmeHotels2026!", "acmehotels123", "Acme-Hotels-2026", "AdaLovelace2026!"]) {
      expect(passwordProblem(password, personal), password).not.toBeNull();
    }
  });

  it("accepts a strong password that merely shares a word", () => {
    expect(passwordProblem("teal anchor biscuit 28 acme", personal)).toBeNull();
  });
});
