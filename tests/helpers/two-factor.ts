import { generate } from "otplib";
import { expect } from "vitest";
import { serverNow } from "./clock";
import { actionResult } from "./flight";
import { actionJson, callAction, rememberSecrets, sessionCookie, signIn, type Session } from "./portal";

// Two-factor through the raw server actions, for one server: setting up an authenticator
// app (its codes computed from the secret the setup returns, on the server's test clock),
// and the sign-in's two steps.
export type Result = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]>; stepUp?: true };
export const PENDING_COOKIE = "wisp-sign-in-pending=";

export function twoFactorClient(baseUrl: string) {
  const act = async <T = Result>(name: string, input: unknown, cookie: string, page = "/account") =>
    actionJson<T & Result>(await callAction(baseUrl, name, [input], cookie, page));

  async function codeAt(secret: string, steps = 0): Promise<string> {
    const at = Math.floor((await serverNow(baseUrl)).getTime() / 1000) + steps * 30;
    return generate({ secret, epoch: at });
  }

  // Sets up an authenticator app for the session's login: returns its secret and recovery codes.
  async function setUpTotp(cookie: string) {
    const start = await act<{ setup: { secret: string; uri: string } }>("startTotpSetupAction", {}, cookie);
    expect(start.ok, start.error).toBe(true);
    const { secret } = start.setup;
    await rememberSecrets("", [secret]);
    expect(start.setup.uri).toContain(`secret=${secret}`);
    const wrong = await act(
      "confirmTotpSetupAction",
      { code: "000000" === (await codeAt(secret)) ? "111111" : "000000" },
      cookie,
    );
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining("not right")] } });
    const confirmed = await act<{ recoveryCodes: string[] }>(
      "confirmTotpSetupAction",
      { code: await codeAt(secret) },
      cookie,
    );
    expect(confirmed.ok, confirmed.error).toBe(true);
    await rememberSecrets("", confirmed.recoveryCodes);
    return { secret, recoveryCodes: confirmed.recoveryCodes };
  }

  // The password step: never a session for a login with a second factor, only a pending sign-in.
  async function passwordStep(session: Pick<Session, "email" | "password">) {
    const { cookie, response } = await signIn(baseUrl, session.email, session.password);
    const pending = response.headers
      .getSetCookie()
      .find((value) => value.startsWith(PENDING_COOKIE))
      ?.split(";")[0];
    await response.text();
    return { cookie, pending: pending ?? null, redirect: response.headers.get("x-action-redirect") };
  }

  async function secondStep(pending: string, code: string) {
    const form = new FormData();
    form.set("code", code);
    const response = await callAction(baseUrl, "signInSecondStepAction", [null, form], pending, "/sign-in/two-factor");
    const cookie = sessionCookie(response);
    const text = await response.text();
    return { cookie, result: cookie ? null : actionResult<Result>(text) };
  }

  return { act, codeAt, setUpTotp, passwordStep, secondStep };
}
