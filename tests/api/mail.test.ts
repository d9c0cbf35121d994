import { appendFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { acceptInvitation, invite, newAccount, roleNamed, unique } from "../helpers/account";
import { actionJson, callAction } from "../helpers/portal";
import { waitForMail } from "../helpers/mailbox";
import { header, mailsIn, readable } from "../helpers/smtp";

// The server of this project sends to a real SMTP server (tests/api/global-setup.ts) that
// saves what arrives in `mailDir`: the invitation mail arrives, its link works, and it
// carries no secret but that link. The teardown checks the SMTP password and every
// invitation token below never reached the server's log.
const baseUrl = inject("baseUrl");
const mailDir = inject("mailDir");
const mailTo = (email: string) =>
  waitForMail(
    () => mailsIn(mailDir),
    (mail) => mail.to.includes(email),
  );
const rememberToken = (url: string) => appendFileSync(inject("secretsFile"), `${url.split("/").pop()}\n`);

describe("the invitation mail", () => {
  it("arrives with the account, the role, the accept link and its expiry, and no other secret", async () => {
    const accountName = `Mail Org ${unique("o")}`;
    const inviter = await newAccount(baseUrl, accountName);
    const readOnly = await roleNamed(inviter.owner, "Read Only");
    const email = `${unique("invitee")}@example.com`;
    const invited = await invite(inviter.owner, readOnly.id, email, "Grace Invitee");
    rememberToken(invited.invitationUrl);

    const mail = await mailTo(email);
    const body = readable(mail.raw);
    expect(mail.subject).toBe(`Join ${accountName} on Wisp Portal`);
    expect(header(mail.raw, "From")).toBe("Wisp Portal <portal@example.test>");
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@example\.test>$/);
    expect(body).toMatch(/Content-Type: text\/plain/);
    expect(body).toMatch(/Content-Type: text\/html/);
    expect(body).toContain("Hello Grace Invitee,");
    expect(body).toContain(`to join ${accountName} on Wisp Portal, with the role Read Only.`);
    expect(body).toMatch(/expires on \d{1,2} \w+ \d{4}(,| at) \d\d:\d\d UTC\./);
    // The same link as the API's show-once answer, in the text and as the HTML's button.
    expect(body.split(invited.invitationUrl).length - 1).toBeGreaterThanOrEqual(3);
    // No secret but the link: not the inviter's key, not any key, not the account's password.
    expect(body).not.toContain(inviter.ownerKey.secret);
    expect(body).not.toMatch(/wisp_[0-9A-Za-z]{38}/);
    expect(body).not.toContain(inviter.session.password);

    // The link in the mail is the way in.
    const link = /https?:\/\/\S+\/invite\/[\w-]{43}/.exec(body)![0];
    const joined = await acceptInvitation(baseUrl, link, `violet kettle ${unique("pw")} marmalade`);
    expect(joined.cookie).toBeTruthy();
  });

  it("names the member who invited from the Team page, whose answer says the mail is on its way", async () => {
    const accountName = `Mail Org ${unique("o")}`;
    const inviter = await newAccount(baseUrl, accountName);
    const readOnly = await roleNamed(inviter.owner, "Read Only");
    const email = `${unique("invitee")}@example.com`;
    const response = await callAction(
      baseUrl,
      "addMemberAction",
      [{ name: "Lin", email, roleId: readOnly.id }],
      inviter.session.cookie,
      "/team",
    );
    const result = await actionJson<{ ok: boolean; invitationUrl: string; invitationMailed: boolean }>(response);
    expect(result).toMatchObject({ ok: true, invitationMailed: true });
    rememberToken(result.invitationUrl);
    const mail = await mailTo(email);
    expect(readable(mail.raw)).toContain(`Ada Owner invited you to join ${accountName}`);
  });

  it("never fails the invitation when the mail server refuses it for now; other mail still arrives", async () => {
    const inviter = await newAccount(baseUrl);
    const readOnly = await roleNamed(inviter.owner, "Read Only");
    const refused = await invite(inviter.owner, readOnly.id, `tempfail-${unique("m")}@example.com`);
    rememberToken(refused.invitationUrl);
    expect(refused.invitationUrl).toMatch(/\/invite\/[\w-]{43}$/);
    const email = `${unique("invitee")}@example.com`;
    rememberToken((await invite(inviter.owner, readOnly.id, email)).invitationUrl);
    await mailTo(email);
    expect(mailsIn(mailDir).filter((mail) => mail.to.includes(refused.email))).toEqual([]);
  });
});
