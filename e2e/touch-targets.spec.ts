import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { api, createKeyInUi } from "./helpers";
import { expectAxeClean } from "./layout";
import { sizeOf } from "./owner";

// Issue 26, item 10: on a phone a row's icon buttons and the copy buttons are 44×44 px (the
// size a finger hits); on a laptop at least 24×24 (WCAG 2.5.8). The count of controls
// under 24 and under 44 px on /api-keys is written to the test's annotations.

type Control = { name: string; width: number; height: number };

async function controls(page: Page, selector: string): Promise<Control[]> {
  return page.locator(selector).evaluateAll((nodes) =>
    nodes
      .filter((node) => (node as HTMLElement).offsetParent !== null || node.getClientRects().length > 0)
      .map((node) => {
        const box = node.getBoundingClientRect();
        return {
          name: node.getAttribute("aria-label") ?? node.textContent?.trim() ?? node.tagName,
          width: Math.round(box.width),
          height: Math.round(box.height),
        };
      })
      .filter((control) => control.width > 0 && control.height > 0),
  );
}

const INTERACTIVE =
  "a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=combobox], [role=switch]";

test("row icon buttons and copy buttons are big enough to hit", async ({ page, request }, testInfo) => {
  await page.goto("/api-keys");
  const rest = api(request, await createKeyInUi(page, `touch seeder ${randomUUID().slice(0, 4)}`));
  const roleId = await rest.roleId("Read Only");
  const { keyId } = await rest.post("/api/v1/api-keys", { name: `touch ${randomUUID().slice(0, 4)}`, roleId });
  await page.goto("/api-keys");
  await expect(page.getByRole("region", { name: "API keys" }).locator("tbody tr").first()).toBeVisible();

  const all = await controls(page, INTERACTIVE);
  const under = (size: number) => all.filter((control) => control.width < size || control.height < size);
  testInfo.annotations.push({
    type: "touch targets on /api-keys",
    description: `${all.length} controls, ${under(24).length} under 24 px, ${under(44).length} under 44 px`,
  });
  console.log(
    `${sizeOf(testInfo)}: /api-keys: ${all.length} controls, ${under(24).length} under 24 px, ${under(44).length} under 44 px`,
    under(24).map((control) => `${control.name} ${control.width}×${control.height}`),
  );

  const phone = sizeOf(testInfo) === "phone";
  const least = phone ? 44 : 24;
  const table = "[role=region][aria-label='API keys']";
  const rowButtons = await controls(page, `${table} td:last-child a, ${table} td:last-child button`);
  const copies = await controls(page, `${table} button[aria-label^='Copy Key ID']`);
  expect(rowButtons.length).toBeGreaterThan(0);
  expect(copies.length).toBeGreaterThan(0);
  for (const control of [...rowButtons, ...copies]) {
    expect(
      Math.min(control.width, control.height),
      `${control.name}: ${control.width}×${control.height}`,
    ).toBeGreaterThanOrEqual(least);
  }
  // Sort headers are at least 24 px tall everywhere.
  for (const control of await controls(page, `${table} th button`)) {
    expect(control.height, `${control.name} header`).toBeGreaterThanOrEqual(24);
  }
  await page.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-light-api-keys-touch.png` });

  // The key page's "Copy Key ID".
  await page.goto(`/api-keys/${keyId}`);
  const copy = await controls(page, "button[aria-label='Copy Key ID']");
  expect(copy).toHaveLength(1);
  expect(Math.min(copy[0].width, copy[0].height)).toBeGreaterThanOrEqual(least);
  await page.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-light-key-page-touch.png` });
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectAxeClean(page);
  }
  await page.emulateMedia({ colorScheme: "light" });
});
