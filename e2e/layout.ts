import { expect, type Locator, type Page } from "@playwright/test";
import { axeViolations } from "./axe";

// The page itself never scrolls sideways (wide tables scroll inside their own frame).
// Measured against the screen's width: a phone zooms out to show a page wider than it,
// which widens window.innerWidth along with the page.
export async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is wider than the screen`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

// Nothing in the element is cut off: its content fits its own box.
export async function expectFits(element: Locator, what: string) {
  const cut = await element.evaluate((node) => node.scrollWidth - node.clientWidth);
  expect(cut, `${what} is cut off`).toBeLessThanOrEqual(0);
}

export async function expectAxeClean(page: Page, include?: string) {
  const violations = await axeViolations(page, { include, exclude: "[data-sonner-toaster]" });
  const serious = violations.filter((violation) => violation.impact === "critical" || violation.impact === "serious");
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

// The same in light and dark, ending in light.
export async function expectAxeCleanBothThemes(page: Page, include?: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    await expectAxeClean(page, include);
  }
  await page.emulateMedia({ colorScheme: "light" });
}
