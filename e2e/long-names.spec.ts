import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createKeyInUi } from "./helpers";
import { expectAxeClean, expectFits, expectNoSidewaysScroll } from "./layout";

// One-word names as long as the form takes wrap or are cut with "…", never widen the
// page; the whole name stays available (title, the key page's heading). Columns leave
// the name room, and the Action column holds its buttons whole on every list.
const LONG = "billing_export_eu_west_1_production_job";
const LONGEST = `${LONG}_${"x".repeat(99 - LONG.length)}`;

async function deleteKey(page: Page, name: string) {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
}

test("long one-word key names wrap or are cut, with the whole name available", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.goto("/api-keys");
  for (const name of [LONG, LONGEST]) await createKeyInUi(page, name, "Read Only");
  await expectNoSidewaysScroll(page, "API Keys");
  const link = page.getByRole("link", { name: LONGEST, exact: true });
  await expect(link).toHaveAttribute("title", LONGEST);

  for (const name of [LONG, LONGEST]) {
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expectNoSidewaysScroll(page, `the page of ${name}`);
    await page.screenshot({ path: testInfo.outputPath(`key-page-${name.length}.png`), fullPage: true });
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(name);
    await expectFits(confirm, "the Delete dialog");
    await page.keyboard.press("Escape");
    await page.goto("/api-keys");
  }
  await expectAxeClean(page);
  for (const name of [LONG, LONGEST]) await deleteKey(page, name);
});

test("column widths: the name gets room, and the Action column holds its buttons whole", async ({ page }, testInfo) => {
  await page.goto("/api-keys");
  const name = "Billing export nightly";
  await createKeyInUi(page, name, "Read Only");
  const table = page.getByRole("region", { name: "API keys" });
  const width = (header: string) =>
    table.getByRole("columnheader", { name: header }).evaluate((cell) => cell.getBoundingClientRect().width);
  expect(await width("Name")).toBeGreaterThanOrEqual(await width("Key ID"));
  await expectFits(table.getByRole("row", { name }).getByRole("cell").first(), "the name cell");
  await page.screenshot({ path: testInfo.outputPath("api-keys.png") });

  for (const [path, label] of [
    ["/api-keys", "API keys"],
    ["/roles", "Roles"],
    ["/team", "Team members"],
  ]) {
    await page.goto(path);
    const rows = page.getByRole("region", { name: label }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    // Every row's Action cell in one look (one round trip, not one per row and button).
    const problems = await rows.evaluateAll((trs) =>
      trs.flatMap((tr, index) => {
        const cell = tr.lastElementChild as HTMLElement;
        const right = cell.getBoundingClientRect().right;
        const found = cell.scrollWidth > cell.clientWidth ? [`row ${index + 1}: the Action cell is cut off`] : [];
        for (const button of cell.querySelectorAll("button, a"))
          if (button.getBoundingClientRect().right > right)
            found.push(`row ${index + 1}: ${button.getAttribute("aria-label")} sticks out of its cell`);
        return found;
      }),
    );
    expect(problems, `the Action cells on ${path}`).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`actions${path.replace("/", "-")}.png`) });
  }
  await deleteKey(page, name);
});
