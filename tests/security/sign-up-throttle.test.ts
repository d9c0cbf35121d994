import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { actionJson, callAction } from "../helpers/portal";

const baseUrl = inject("baseUrl");
// The default of SIGN_UPS_PER_ADDRESS_PER_HOUR, which this suite's servers keep.
const PER_HOUR = 10;

// A sign-up from `address` (X-Forwarded-For through the test server's loopback proxy).
async function signUpFrom(address: string) {
  const form = new FormData();
  form.set("accountName", `Flood ${randomUUID().slice(0, 6)}`);
  form.set("name", "Fred Flood");
  form.set("email", `flood-${randomUUID()}@example.com`);
  form.set("password", "granite orchard falcon 58");
  const response = await callAction(baseUrl, "signUpAction", [null, form], "", "/sign-up", {
    "X-Forwarded-For": address,
  });
  // A created account redirects (to "Check your email"); a refusal answers with its result.
  if (response.headers.get("x-action-redirect")) return { ok: true };
  return actionJson<{ ok: boolean; error?: string }>(response);
}

// Creating accounts by the dozen from one network is refused, counted by address and an
// IPv6 address by its /64, so a new address from the same /64 per try doesn't escape.
describe("sign-up brake", () => {
  it(`allows ${PER_HOUR} new accounts per address an hour, then refuses with the wait`, async () => {
    const prefix = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
    for (let i = 1; i <= PER_HOUR; i++) expect(await signUpFrom(`${prefix}::${i}`)).toEqual({ ok: true });
    const refused = await signUpFrom(`${prefix}::ffff`);
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(
      /^Too many new accounts were created from your network\. Try again in \d+ minutes?\.$/,
    );
    // Another network is not slowed.
    expect(await signUpFrom(`198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`)).toEqual({ ok: true });
  });
});
