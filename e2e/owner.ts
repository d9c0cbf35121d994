import type { TestInfo } from "@playwright/test";

// "desktop" or "phone": the screen size a test runs at (its Playwright project).
export function sizeOf(testInfo: TestInfo): string {
  return testInfo.project.name.replace(/^setup-/, "");
}

// The Owner of the account each screen size's tests share.
export function ownerFor(testInfo: TestInfo) {
  return {
    accountName: "Acme Wi-Fi",
    name: "Ada Owner",
    email: `ada.${sizeOf(testInfo)}@acme.example`,
    password: "correct horse battery staple",
  };
}
