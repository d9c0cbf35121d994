import { expect, test } from "./fixtures";
import { axeViolations } from "./axe";
import { expectAxeClean } from "./layout";
import { sizeOf } from "./owner";

// Issue 26, item 17: the API reference (Scalar) links to an accessible alternative, the
// plain endpoint list and the OpenAPI file; what our configuration and CSS can fix of axe's
// findings on Scalar's page is fixed, the rest is Scalar's own (docs/api.md).

test("the API reference offers the OpenAPI file and a plain endpoint list, both accessible", async ({
  page,
}, testInfo) => {
  await page.goto("/api/reference");
  await expect(page.getByText("Wisp Portal API").first()).toBeVisible();
  const links = page.getByRole("navigation", { name: "API documentation" });
  await expect(links.getByRole("link", { name: "OpenAPI file" })).toHaveAttribute("href", "/api/v1/openapi.json");
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const found = await axeViolations(page);
    const serious = found.filter((violation) => violation.impact === "critical" || violation.impact === "serious");
    console.log(
      `${sizeOf(testInfo)} ${theme} /api/reference:`,
      JSON.stringify(
        serious.map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          nodes: violation.nodes.slice(0, 6).map((node) => [node.target.join(" "), node.failureSummary?.slice(0, 160)]),
          count: violation.nodes.length,
        })),
        null,
        1,
      ),
    );
    await page.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-${theme}-api-reference.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });

  await links.getByRole("link", { name: "Plain list of endpoints" }).click();
  await expect(page).toHaveURL(/\/api\/reference\/endpoints$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("endpoints");
  await expect(page.getByRole("heading", { name: "GET /api/v1/whoami" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectAxeClean(page);
    await page.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-${theme}-api-endpoints.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("link", { name: "Interactive reference" }).click();
  await expect(page).toHaveURL(/\/api\/reference$/);
});
