import axeCore, { type AxeResults, type Result } from "axe-core";
import type { Page } from "@playwright/test";

type Scope = { include?: string; exclude?: string; rules?: string[] };

// axe-core run in the page itself, injected once per document. (@axe-core/playwright's
// AxeBuilder opens a blank page to finish every analysis: five times the CPU of the rules.)
// Only the violations come back with their nodes.
export async function axeViolations(page: Page, { include, exclude, rules }: Scope = {}): Promise<Result[]> {
  // AxeBuilder would also look inside frames; the portal's pages have none.
  if (page.frames().length > 1) throw new Error(`${page.url()} has frames, which axeViolations doesn't check`);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeCore.source);
  const context = { ...(include ? { include: [[include]] } : {}), ...(exclude ? { exclude: [[exclude]] } : {}) };
  const options = {
    resultTypes: ["violations"],
    ...(rules ? { runOnly: { type: "rule", values: rules } } : {}),
  };
  const { violations } = await page.evaluate(
    ([context, options]) =>
      (window as unknown as { axe: typeof axeCore }).axe.run(
        Object.keys(context).length > 0 ? (context as axeCore.ElementContext) : document,
        options as axeCore.RunOptions,
      ),
    [context, options] as const,
  );
  return violations as AxeResults["violations"];
}
