import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { confirmEmail, mailTo } from "./mail";

async function addMember(page: Page, name: string, email: string) {
  await page.getByRole("button", { name: "Add Member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Member" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Owner" }).click();
  await dialog.getByRole("button", { name: "Add Member" }).click();
  await expect(page.getByRole("dialog", { name: "Invitation created" })).toContainText("is on its way");
  await page.getByRole("button", { name: "Done" }).click();
}

const acceptLink = (mail: { links: string[] }) => mail.links.find((url) => url.includes("/invite/"));

// An invitation reaches the invited person by mail: the Owner adds them on the Team page,
// the mail arrives at the test SMTP server, and its link lets them choose a password and
// join, without the Owner passing anything on by hand. "Resend invitation" mails a new
// link and kills the old one; the new person confirms their email by the link in the
// second mail they get; "Revoke invitation" kills a link.
test("a new person joins by the link in the invitation mail, sent again from the Team page", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const email = `mia-${testInfo.project.name}-${Date.now()}@mail.example`;
  await page.goto("/team");
  await addMember(page, "Mia Mail", email);
  const first = acceptLink(await mailTo(email, (received) => /^Join /.test(received.subject)));
  expect(first, "an accept link in the mail").toBeTruthy();

  // Sent again: a new link in a new mail; the first one stops working.
  await page.getByRole("button", { name: "Resend invitation to Mia Mail" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Resend the invitation of Mia Mail?" });
  await expect(confirm).toContainText("The link sent before stops working.");
  await confirm.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByText(`A new invitation is on its way to ${email}.`)).toBeVisible();
  const link = acceptLink(
    await mailTo(email, (received) => /^Join /.test(received.subject) && !received.body.includes(first!)),
  );
  expect(link, "a new accept link in the second mail").toBeTruthy();

  const mia = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await mia.goto(first!);
  await expect(mia.getByText("This invitation link is not valid any more")).toBeVisible();
  await mia.goto(link!);
  await mia.getByLabel("Password").fill("velvet harbour lantern 41");
  await mia.getByRole("button", { name: /^Join / }).click();
  // A new login: it confirms its email by the link in the mail that follows.
  await confirmEmail(mia, email, "link");
  await expect(mia).toHaveURL(/\/api-keys$/);
  await mia.context().close();
  await page.reload();
  await expect(page.getByRole("row", { name: /Mia Mail/ })).toContainText("Active");

  // Revoked: the row goes, and so does its link.
  const noa = `noa-${testInfo.project.name}-${Date.now()}@mail.example`;
  await addMember(page, "Noa Revoked", noa);
  const noaLink = acceptLink(await mailTo(noa, (received) => /^Join /.test(received.subject)));
  await page.getByRole("button", { name: "Revoke invitation of Noa Revoked" }).click();
  const revoke = page.getByRole("alertdialog", { name: "Revoke the invitation of Noa Revoked?" });
  await revoke.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(page.getByText("The invitation of Noa Revoked was revoked.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Noa Revoked/ })).toHaveCount(0);
  const late = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await late.goto(noaLink!);
  await expect(late.getByText("This invitation link is not valid any more")).toBeVisible();
  await late.context().close();
});
