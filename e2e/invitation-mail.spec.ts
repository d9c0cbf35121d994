import { expect, test } from "./fixtures";
import { mailTo } from "./mail";

// An invitation reaches the invited person by mail: the Owner adds them on the Team page,
// the mail arrives at the test SMTP server, and its link lets them choose a password and
// join, without the Owner passing anything on by hand.
test("a new person joins by the link in the invitation mail", async ({ page, browser }, testInfo) => {
  const email = `mia-${testInfo.project.name}-${Date.now()}@mail.example`;
  await page.goto("/team");
  await page.getByRole("button", { name: "Add Member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Member" });
  await dialog.getByLabel("Name").fill("Mia Mail");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Owner" }).click();
  await dialog.getByRole("button", { name: "Add Member" }).click();
  await expect(page.getByRole("dialog", { name: "Invitation created" })).toContainText("is on its way");
  await page.getByRole("button", { name: "Done" }).click();

  const mail = await mailTo(email, (received) => /^Join /.test(received.subject));
  const link = mail.links.find((url) => url.includes("/invite/"));
  expect(link, "an accept link in the mail").toBeTruthy();

  const mia = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await mia.goto(link!);
  await mia.getByLabel("Password").fill("velvet harbour lantern 41");
  await mia.getByRole("button", { name: /^Join / }).click();
  await expect(mia).toHaveURL(/\/api-keys$/);
  await mia.context().close();
});
