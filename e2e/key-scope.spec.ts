import { randomUUID } from "node:crypto";
import { axeViolations } from "./axe";
import { expect, test } from "./fixtures";
import { api, createKeyInUi } from "./helpers";

// A key scoped to one network through the Create Key dialog's searchable multi-select: the
// key's page names the network, the Edit dialog starts from it, and the key lists only it.
test("create a key scoped to one network", async ({ page, request }) => {
  const run = randomUUID().slice(0, 8);
  await page.goto("/api-keys");
  const seed = api(request, await createKeyInUi(page, `Scope seed ${run}`));
  const venue = await seed.post("/api/v1/networks", { name: `Venue ${run}`, ssid: `V${run}` });
  await seed.post("/api/v1/networks", { name: `Lobby ${run}`, ssid: `L${run}` });
  const group = await seed.post("/api/v1/groups", { name: `Staff ${run}`, networkId: venue.id });
  await page.reload();

  const name = `Venue script ${run}`;
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create Key" });
  await dialog.getByLabel("Key Name").fill(name);
  await dialog.getByLabel("Chosen networks and groups").check();
  await dialog.getByRole("button", { name: "Networks" }).click();
  const search = page.getByRole("combobox", { name: "Search networks" });
  await expect(search).toBeFocused();
  await search.fill(run);
  const options = page.getByRole("listbox", { name: "Choose networks" }).getByRole("option");
  await expect(options).toHaveText([`Lobby ${run}`, `Venue ${run}`]);
  await search.fill(`Venue ${run}`);
  await expect(options).toHaveText([`Venue ${run}`]);
  await search.press("Enter");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  expect(
    (await axeViolations(page)).filter((violation) => ["serious", "critical"].includes(violation.impact ?? "")),
  ).toEqual([]);
  await search.press("Escape");
  await expect(search).toBeHidden();
  await expect(dialog.getByRole("button", { name: "Networks" })).toBeFocused();
  await expect(dialog.getByRole("list", { name: "Chosen" })).toHaveText([`Venue ${run}`]);
  await dialog.getByRole("button", { name: "Create Key" }).click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!;
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "I have saved the key" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  // The key reaches the network and its group only.
  const scoped = api(request, secret);
  expect((await scoped.get("/api/v1/networks")).items.map((n: { id: string }) => n.id)).toEqual([venue.id]);
  expect((await scoped.get("/api/v1/groups")).items.map((g: { id: string }) => g.id)).toEqual([group.id]);

  // Its page names the scope; the Edit dialog starts from it.
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("list", { name: "Scope" })).toHaveText([`Network: Venue ${run}`]);
  await page.getByRole("button", { name: "Edit" }).first().click();
  const edit = page.getByRole("dialog", { name: "Edit key" });
  await expect(edit.getByLabel("Chosen networks and groups")).toBeChecked();
  await expect(edit.getByRole("list", { name: "Chosen" })).toHaveText([`Venue ${run}`]);
  await edit.getByRole("button", { name: "Cancel" }).click();
});
