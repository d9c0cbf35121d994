import { expect, test as base, type BrowserContext } from "@playwright/test";

// Every spec imports `test` from here: a console error, an uncaught page error or a
// Content-Security-Policy violation on any page of the test fails it.
export async function watchForProblems(context: BrowserContext): Promise<() => string[]> {
  const problems: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}:${event.columnNumber})`,
      ),
    );
  });
  context.on("console", (message) => {
    if (message.type() === "error") problems.push(`${message.page()?.url()}: ${message.text()}`);
  });
  context.on("weberror", (error) => problems.push(`${error.page()?.url()}: ${error.error().message}`));
  return () => problems;
}

// A test that makes the browser see an error on purpose (a request it expects to be
// refused) names it in `expectedProblems`; everything else still fails the test.
export const test = base.extend<{ expectedProblems: RegExp[] }>({
  expectedProblems: [[], { option: true }],
  context: async ({ context, expectedProblems }, provide) => {
    const problems = await watchForProblems(context);
    await provide(context);
    const unexpected = problems().filter((problem) => !expectedProblems.some((pattern) => pattern.test(problem)));
    expect(unexpected, "console errors or CSP violations").toEqual([]);
  },
});

export { expect };
