import { afterEach, describe, expect, inject, it } from "vitest";
import { expectJson, newAccount } from "../helpers/account";
import { HOUR, MINUTE, from, newClientAddress, setServerClock } from "../helpers/clock";
import { findProp } from "../helpers/flight";
import {
  actionJson,
  callAction,
  roleId,
  sessionCookie,
  signIn,
  signUp,
  TEST_PASSWORD,
  type Session,
} from "../helpers/portal";

const baseUrl = inject("baseUrl");
type Result = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> };
type SessionView = { id: string; current: boolean; clientAddress: string | null; userAgent: string | null };

afterEach(() => setServerClock(baseUrl, 0));

const open = (cookie: string, path = "/api-keys") =>
  fetch(baseUrl + path, { headers: { Cookie: cookie }, redirect: "manual" });

async function expectSignedIn(cookie: string) {
  expect((await open(cookie)).status).toBe(200);
}

async function expectSignedOut(cookie: string) {
  const response = await open(cookie);
  expect(response.status).toBe(307);
  expect(response.headers.get("location")).toContain("/sign-in");
}

async function sessionsOf(cookie: string): Promise<SessionView[]> {
  const response = await fetch(`${baseUrl}/account`, { headers: { Cookie: cookie, RSC: "1" } });
  const sessions = findProp<SessionView[]>(await response.text(), "sessions");
  if (!sessions) throw new Error("no sessions on the account page");
  return sessions;
}

async function secondSession(account: Session, headers: Record<string, string> = {}) {
  const { cookie } = await signIn(baseUrl, account.email, account.password, headers);
  if (!cookie) throw new Error("second sign-in failed");
  return cookie;
}

describe("sign-out ends the session on the server", () => {
  it("refuses a copy of the cookie after signOutAction: pages, actions and /api/auth/session", async () => {
    const { session: account, owner } = await newAccount(baseUrl, "Sign-out Org");
    const copy = account.cookie;
    await expectSignedIn(copy);
    const ownerRole = await roleId(baseUrl, copy, "Owner");
    const renewed = await fetch(`${baseUrl}/api/auth/session`, { headers: { Cookie: copy } });
    expect((await renewed.json())?.user).toBeTruthy();

    await callAction(baseUrl, "signOutAction", [], account.cookie);

    await expectSignedOut(copy);
    const action = await actionJson<Result>(
      await callAction(baseUrl, "createApiKeyAction", [{ name: "after sign-out", roleId: ownerRole }], copy),
    );
    expect(action).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    // next-auth no longer renews it: no session, and the cookie is cleared.
    const renewal = await fetch(`${baseUrl}/api/auth/session`, { headers: { Cookie: copy } });
    expect(await renewal.json()).toBeNull();
    expect(renewal.headers.getSetCookie().join(";")).toMatch(/authjs\.session-token=;/);
    const { items } = await expectJson<{ items: { action: string }[] }>(await owner("/api/v1/audit-log"), 200);
    expect(items.map((item) => item.action)).toEqual(expect.arrayContaining(["member.sign_out", "member.sign_in"]));
  });

  it("ends it through next-auth's own POST /api/auth/signout as well", async () => {
    const account = await signUp(baseUrl, "Signout Endpoint Org");
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { Cookie: account.cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const response = await fetch(`${baseUrl}/api/auth/signout`, {
      method: "POST",
      headers: { Cookie: `${account.cookie}; ${csrfCookie}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    await expectSignedOut(account.cookie);
  });
});

describe("other sessions", () => {
  it("end on a password change; this one stays; the old password stops working", async () => {
    const account = await signUp(baseUrl, "Password Org");
    const other = await secondSession(account);
    const newPassword = "orange canal whistle 2048";
    const result = await actionJson<Result>(
      await callAction(
        baseUrl,
        "changePasswordAction",
        [{ currentPassword: account.password, newPassword }],
        account.cookie,
        "/account",
      ),
    );
    expect(result).toEqual({ ok: true });
    await expectSignedOut(other);
    await expectSignedIn(account.cookie);
    expect((await signIn(baseUrl, account.email, TEST_PASSWORD)).cookie).toBeNull();
    expect((await signIn(baseUrl, account.email, newPassword)).cookie).toBeTruthy();
  });

  it("refuses a weak new password with the reason, and a wrong current one", async () => {
    const account = await signUp(baseUrl, "Weak Org");
    for (const weak of ["password1234", "aaaaaaaaaaaa"]) {
      const result = await actionJson<Result>(
        await callAction(
          baseUrl,
          "changePasswordAction",
          [{ currentPassword: account.password, newPassword: weak }],
          account.cookie,
          "/account",
        ),
      );
      expect(result.ok).toBe(false);
      expect(result.fieldErrors?.newPassword?.[0]).toMatch(/commonly used password|Repeated characters/);
    }
    const wrong = await actionJson<Result>(
      await callAction(
        baseUrl,
        "changePasswordAction",
        [{ currentPassword: "not my password at all", newPassword: "orange canal whistle 2048" }],
        account.cookie,
        "/account",
      ),
    );
    expect(wrong.fieldErrors?.currentPassword).toEqual(["This is not your current password."]);
  });

  it("are listed with address and user agent; 'End' ends one, 'Sign out of all other sessions' the rest", async () => {
    const account = await signUp(baseUrl, "Sessions Org");
    const address = newClientAddress();
    const phone = await secondSession(account, { ...from(address), "User-Agent": "TestPhone/1.0" });
    const laptop = await secondSession(account);
    const sessions = await sessionsOf(account.cookie);
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const phoneSession = sessions.find((session) => session.userAgent === "TestPhone/1.0")!;
    expect(phoneSession.clientAddress).toBe(address);

    const ended = await actionJson<Result>(
      await callAction(baseUrl, "endSessionAction", [{ sessionId: phoneSession.id }], account.cookie, "/account"),
    );
    expect(ended).toEqual({ ok: true });
    await expectSignedOut(phone);
    await expectSignedIn(laptop);

    const all = await actionJson<Result & { ended?: number }>(
      await callAction(baseUrl, "endOtherSessionsAction", [{}], account.cookie, "/account"),
    );
    expect(all).toEqual({ ok: true, ended: 1 });
    await expectSignedOut(laptop);
    await expectSignedIn(account.cookie);
    expect(await sessionsOf(account.cookie)).toHaveLength(1);

    // Someone else's session id is not found, never ended.
    const stranger = await signUp(baseUrl, "Stranger Org");
    const [strangerSession] = await sessionsOf(stranger.cookie);
    const refused = await actionJson<Result>(
      await callAction(baseUrl, "endSessionAction", [{ sessionId: strangerSession.id }], account.cookie, "/account"),
    );
    expect(refused).toMatchObject({ ok: false, error: "No such session." });
    await expectSignedIn(stranger.cookie);
  });
});

describe("session lifetime, on a clock the test moves", () => {
  it("ends a session SESSION_MAX_AGE (12 h) after sign-in however active, and renewing never extends it", async () => {
    const account = await signUp(baseUrl, "Lifetime Org");
    let cookie = account.cookie;
    for (let hour = 1; hour <= 11; hour++) {
      await setServerClock(baseUrl, hour * HOUR + 50 * MINUTE);
      await expectSignedIn(cookie);
      // GET /api/auth/session re-issues the cookie; the newest copy is used from here on.
      const renewal = await fetch(`${baseUrl}/api/auth/session`, { headers: { Cookie: cookie } });
      expect((await renewal.json())?.user).toBeTruthy();
      cookie = sessionCookie(renewal) ?? cookie;
    }
    await setServerClock(baseUrl, 12 * HOUR + MINUTE);
    await expectSignedOut(cookie);
    await expectSignedOut(account.cookie);
  });

  it("ends a session left idle for SESSION_IDLE_TIMEOUT (2 h)", async () => {
    const active = await signUp(baseUrl, "Active Org");
    const idle = await signUp(baseUrl, "Idle Org");
    await setServerClock(baseUrl, HOUR + 55 * MINUTE);
    await expectSignedIn(active.cookie);
    await setServerClock(baseUrl, 3 * HOUR + 50 * MINUTE);
    await expectSignedIn(active.cookie);
    await expectSignedOut(idle.cookie);
  });
});
