import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, watchForProblems } from "./fixtures";
import { sizeOf } from "./owner";

const PORTAL_PAGES = ["/api-keys", "/users", "/groups", "/networks", "/vouchers", "/roles", "/team", "/audit-log"];

// The fixture fails the test on any CSP violation or console error on these pages.
test("every page loads and runs under its Content-Security-Policy without a violation", async ({ page, browser }) => {
  // Thirteen pages, each until the network is idle: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  for (const path of PORTAL_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+'/);
    await expect(page.locator("#main-content")).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  // Client-side code runs: a dialog opens and closes.
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  await expect(page.getByRole("dialog", { name: "Create Key" })).toBeVisible();
  await page.keyboard.press("Escape");

  const reference = await page.goto("/api/reference");
  expect(reference?.headers()["content-security-policy"]).toContain("'nonce-");
  await expect(page.getByText("Wisp Portal API").first()).toBeVisible();
  await page.waitForLoadState("networkidle");

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const problems = await watchForProblems(context);
  const visitor = await context.newPage();
  for (const path of ["/", "/sign-in", "/sign-up", "/no-such-page"]) {
    const response = await visitor.goto(path);
    expect(response?.headers()["content-security-policy"], path).toContain("'nonce-");
    await visitor.waitForLoadState("networkidle");
  }
  await context.close();
  // The 404 page's own status is reported as a console error; nothing else may be.
  const notFound = /no-such-page: Failed to load resource: the server responded with a status of 404/;
  expect(
    problems().filter((problem) => !notFound.test(problem)),
    "console errors or CSP violations",
  ).toEqual([]);
});

test("a page on another origin can't frame the signed-in portal", async ({ browser, baseURL }, testInfo) => {
  // Another port of the same host: another origin, but the same site, so the session
  // cookie would be sent along.
  const attacker = http.createServer((_, response) => {
    response.setHeader("Content-Type", "text/html");
    response.end(
      `<!doctype html><h1>Win a prize</h1><iframe src="${baseURL}/api-keys" width="900" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  const context = await browser.newContext({ storageState: `e2e/.auth/${sizeOf(testInfo)}.json` });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await expect(page.getByRole("heading", { name: "Win a prize" })).toBeVisible();
    // Chromium replaces a frame it refuses to show with its error page.
    await expect.poll(() => page.frames()[1]?.url()).toBe("chrome-error://chromewebdata/");
    for (const frame of page.frames()) {
      expect(await frame.getByRole("heading", { name: "API Keys" }).count()).toBe(0);
    }
  } finally {
    await context.close();
    await new Promise((resolve) => attacker.close(resolve));
  }
});

// A form sent before the page's script has run goes as the browser sends it: by POST, so a
// password, code or client secret never lands in the address (history, logs, Referer).
test("forms with secrets, sent before the page's script runs, keep them out of the address", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    for (const [path, button] of [
      ["/sign-in", "Sign in"],
      ["/sign-up", "Create account"],
    ] as const) {
      await page.goto(`${baseURL}${path}`);
      await page.getByLabel("Email").fill("nobody@example.com");
      await page.getByLabel("Password").fill("not-in-the-address");
      // The browser sends the form itself: a navigation, whose address is checked.
      await Promise.all([page.waitForEvent("framenavigated"), page.getByRole("button", { name: button }).click()]);
      expect(page.url(), path).toBe(`${baseURL}${path}`);
    }
  } finally {
    await context.close();
  }
});
