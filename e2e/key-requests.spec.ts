import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { axeViolations } from "./axe";
import { createKeyInUi } from "./helpers";
import { sizeOf } from "./owner";

// A key's page: its request log (search, status filter, CSV export) and "This key needs
// less" with its one click. Requests are written every 5 s; moving the test clock by 0
// writes them at once.
const flush = (page: Page) => page.request.post("/api/test/clock", { data: { offsetMs: 0 } });

// Serious and critical findings of axe on the page (toasts come and go: a11y.spec.ts checks one).
async function seriousViolations(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, { exclude: "[data-sonner-toaster]" });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

async function keyIdOf(page: Page, secret: string): Promise<string> {
  const whoami = await page.request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${secret}` } });
  return (await whoami.json()).keyId;
}

test("the key page lists its requests, filters them by status, searches and exports them", async ({
  page,
}, testInfo) => {
  await page.goto("/api-keys");
  const secret = await createKeyInUi(page, `logged ${sizeOf(testInfo)}`);
  const keyId = await keyIdOf(page, secret);
  const run = randomUUID().slice(0, 8);
  const headers = (i: number) => ({ Authorization: `Bearer ${secret}`, "User-Agent": `script-${run}/${i}` });
  for (let i = 0; i < 20; i++) {
    const path = i % 5 === 4 ? `/api/v1/roles/${randomUUID()}` : "/api/v1/whoami";
    expect((await page.request.get(path, { headers: headers(i) })).status()).toBe(i % 5 === 4 ? 404 : 200);
  }
  expect((await flush(page)).status()).toBe(200);
  await page.goto(`/api-keys/${keyId}`);
  const log = page.getByRole("region", { name: "Requests" });
  const rows = log.getByRole("table").locator("tbody tr");
  // 21: the 20 and the whoami that read the Key ID.
  await expect(log.getByText("1–20 of 21")).toBeVisible();
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText(`script-${run}/19`);
  await expect(rows.first()).toContainText("404");

  await log.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "4xx", exact: true }).click();
  await expect(page).toHaveURL(/status=4xx/);
  await expect(rows).toHaveCount(4);
  for (const row of await rows.all()) await expect(row).toContainText("getRolesId");

  const exportLink = log.getByRole("link", { name: "Export CSV" });
  const csv = await page.request.get((await exportLink.getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(5);
  expect(lines.slice(1).every((line) => line.split(",")[2] === "404")).toBe(true);

  await log.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "All statuses" }).click();
  // The search builds on the address: wait until the status filter has left it.
  await expect(page).not.toHaveURL(/status=/);
  await log.getByLabel("Search").fill(`script-${run}/7`);
  await log.getByLabel("Search").press("Enter");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`script-${run}/7`);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a key that only read users is offered a role with Users: Read only, in one click", async ({ page }, testInfo) => {
  await page.goto("/api-keys");
  const name = `reader ${sizeOf(testInfo)} ${randomUUID().slice(0, 6)}`;
  const secret = await createKeyInUi(page, name);
  const keyId = await keyIdOf(page, secret);
  for (let i = 0; i < 3; i++) {
    const response = await page.request.get("/api/v1/users", { headers: { Authorization: `Bearer ${secret}` } });
    expect(response.status()).toBe(200);
  }
  expect((await flush(page)).status()).toBe(200);
  await page.goto(`/api-keys/${keyId}`);
  const section = page.getByRole("region", { name: "What it used" });
  await expect(section.getByRole("list", { name: "Areas it used" }).getByRole("listitem")).toHaveText([
    "Users: Read Access",
  ]);
  await expect(section.getByText("This key needs less")).toBeVisible();
  const proposed = section.getByRole("definition");
  await expect(proposed).toHaveText(["Read Access", ...Array(8).fill("No Access")]);
  expect(await seriousViolations(page)).toEqual([]);
  // A role "Users: Read" made by an earlier run is picked rather than made again.
  await section.getByRole("button", { name: /^(Create “Users: Read” and move it|Move it to “Users: Read”)$/ }).click();
  await expect(page.getByText(/the key now has (it|the role “Users: Read”)/i)).toBeVisible();
  await expect(section.getByText("Its role grants no more than it used.")).toBeVisible();
  await expect(page.getByText("Role: Users: Read")).toBeVisible();
});
