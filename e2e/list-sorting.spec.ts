import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { api, createKeyInUi, hydrated } from "./helpers";
import { expectAxeClean } from "./layout";
import { sizeOf } from "./owner";

// Issue 26, item 9: the Wi-Fi lists and the audit log sort by their headers, on the server;
// names by the Unicode collation ("éclair" before "zulu"); vouchers say "1 day"; Users show
// "—" for any missing value; audit actions read as words, with the code on hover.

const rows = (page: Page, label: string) => page.getByRole("region", { name: label }).locator("tbody tr");
const cells = (page: Page, label: string, column: number) =>
  rows(page, label).locator(`td:nth-child(${column})`).allTextContents();

async function expectClean(page: Page) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectAxeClean(page);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("users, groups, networks and vouchers sort by their headers, names by the locale's collation", async ({
  page,
  request,
}, testInfo) => {
  // Four lists, each seeded through the API and sorted both ways by two headers.
  test.setTimeout(60_000);
  await page.goto("/api-keys");
  const rest = api(request, await createKeyInUi(page, `sorting seeder ${randomUUID().slice(0, 4)}`));
  const tag = randomUUID().slice(0, 6);
  const words = ["zulu", "éclair", "apple"];
  for (const [index, word] of words.entries()) {
    // Usernames and emails are ASCII: the users' full names carry the accents.
    await rest.post("/api/v1/users", {
      username: `u${index}-${tag}`,
      fullName: `${word} ${tag}`,
      email: `u${index}-${tag}@example.com`,
    });
    await rest.post("/api/v1/groups", { name: `${word} ${tag}` });
    await rest.post("/api/v1/networks", { name: `${word} ${tag}`, ssid: `${word}-${tag}` });
  }
  const blank = randomUUID().slice(0, 6);
  await rest.post("/api/v1/users", { username: `blank-${blank}` });
  const sorted = ["apple", "éclair", "zulu"];

  for (const [path, label, header, sort, column, name] of [
    ["/users", "Users", "Full name", "fullName", 2, (word: string) => `${word} ${tag}`],
    ["/groups", "Groups", "Name", "name", 1, (word: string) => `${word} ${tag}`],
    ["/networks", "Networks", "Name", "name", 1, (word: string) => `${word} ${tag}`],
  ] as const) {
    await page.goto(`${path}?q=${tag}`);
    await expect(rows(page, label)).toHaveCount(3);
    const button = await hydrated(
      page.getByRole("region", { name: label }).getByRole("button", { name: header, exact: true }),
    );
    await button.click();
    await expect(page).toHaveURL(new RegExp(`sort=${sort}&dir=asc|dir=asc&.*sort=${sort}|sort=${sort}`));
    await expect.poll(() => cells(page, label, column), `${path} ascending`).toEqual(sorted.map(name));
    await expect(page.getByRole("columnheader", { name: header, exact: true })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
    await button.click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect.poll(() => cells(page, label, column), `${path} descending`).toEqual([...sorted].reverse().map(name));
    await page.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-light${path}-sorted.png` });
    await expectClean(page);
  }

  // Users: a missing full name shows "—", as a missing email does.
  await page.goto(`/users?q=blank-${blank}`);
  const apple = rows(page, "Users").first();
  await expect(apple.locator("td").nth(1)).toHaveText("—");
  await expect(apple.locator("td").nth(2)).toHaveText("—");

  // Vouchers: durations in words, sorted by validity.
  const prefix = `S${tag.toUpperCase()}`;
  await rest.post("/api/v1/vouchers/batch", { count: 1, prefix: `${prefix}A`, validitySeconds: 86_400 });
  await rest.post("/api/v1/vouchers/batch", { count: 1, prefix: `${prefix}B`, validitySeconds: 5_400 });
  await rest.post("/api/v1/vouchers/batch", { count: 1, prefix: `${prefix}C`, validitySeconds: 600 });
  await page.goto(`/vouchers?q=${prefix}`);
  await expect(rows(page, "Vouchers")).toHaveCount(3);
  // On a phone the table scrolls sideways under its sticky Action column: bring the header
  // to the middle, as a swipe would, so the Action column doesn't cover it.
  const validity = page.getByRole("region", { name: "Vouchers" }).getByRole("button", { name: "Validity" });
  await hydrated(validity);
  await validity.evaluate((element) => element.scrollIntoView({ inline: "center", block: "nearest" }));
  await validity.click();
  await expect(page).toHaveURL(/sort=validitySeconds/);
  await expect
    .poll(() => rows(page, "Vouchers").locator("td:nth-child(2)").allTextContents())
    .toEqual(["10 minutes", "1 hour 30 minutes", "1 day"]);
  await expect(page.getByText("1,440 min")).toHaveCount(0);
  await page.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-light-vouchers-sorted.png` });
  await expectClean(page);
});

test("the audit log sorts by time both ways and shows actions as words with the code on hover", async ({
  page,
  request,
}, testInfo) => {
  await page.goto("/api-keys");
  const rest = api(request, await createKeyInUi(page, `audit sort seeder ${randomUUID().slice(0, 4)}`));
  const tag = randomUUID().slice(0, 6);
  await rest.post("/api/v1/vouchers/batch", { count: 2, prefix: `A${tag.toUpperCase()}`, validitySeconds: 600 });

  await page.goto("/audit-log?action=voucher.batch_create");
  const table = page.getByRole("region", { name: "Audit events" });
  const action = rows(page, "Audit events").first().locator("td").nth(2);
  await expect(action).toHaveText("Voucher batch created");
  await expect(action.locator("[title]")).toHaveAttribute("title", "voucher.batch_create");
  await expect(page.getByRole("combobox", { name: "Action" })).toContainText("Voucher batch created");
  // Nothing in the action cell is cut off.
  const cut = await action.evaluate((cell) => cell.scrollWidth - cell.clientWidth);
  expect(cut).toBeLessThanOrEqual(0);

  await page.goto("/audit-log");
  const time = table.getByRole("button", { name: "Time (UTC)" });
  await expect(page.getByRole("columnheader", { name: "Time (UTC)" })).toHaveAttribute("aria-sort", "descending");
  const times = () =>
    rows(page, "Audit events")
      .locator("time")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("datetime")!));
  const newest = await times();
  expect(newest).toEqual([...newest].sort().reverse());
  await time.click();
  await expect(page).toHaveURL(/dir=asc/);
  await expect(page.getByRole("columnheader", { name: "Time (UTC)" })).toHaveAttribute("aria-sort", "ascending");
  const oldest = await times();
  expect(oldest).toEqual([...oldest].sort());
  expect(oldest[0] < newest[0]).toBe(true);
  await page.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-light-audit-log-sorted.png` });
  await expectClean(page);
  await time.click();
  await expect(page).not.toHaveURL(/dir=asc/);
});
