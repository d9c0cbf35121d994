import { newDeviceMail } from "@/lib/mail/notices";
import { queueMail } from "@/lib/mail/queue";
import { describeUserAgent } from "@/lib/user-agent";
import type { Tx } from "@/lib/records/kind";
import { wants } from "./recipients";

// "A sign-in from a new device", to that person, in the sign-in's own transaction
// (lib/auth/devices.ts decides what is new). On by default, like every notice.
export async function queueNewDeviceNotice(
  tx: Tx,
  signIn: {
    identityId: string;
    member: { name: string; accountId: string; accountName: string };
    at: Date;
    userAgent: string | null;
    address: string | null;
  },
): Promise<boolean> {
  const identity = await tx.identity.findUnique({
    where: { id: signIn.identityId },
    select: { email: true, noticesOff: true },
  });
  if (!identity || !wants(identity, "new_device")) return false;
  const { member } = signIn;
  await queueMail(tx, {
    accountId: member.accountId,
    kind: "new_device",
    ...newDeviceMail(
      { name: member.name, email: identity.email, reasons: [] },
      {
        accountName: member.accountName,
        at: signIn.at,
        browser: describeBrowser(signIn.userAgent),
        address: signIn.address,
      },
    ),
  });
  return true;
}

// A browser as the mail names it, from fixed words only (lib/user-agent.ts).
function describeBrowser(userAgent: string | null): string {
  const { browser, system } = describeUserAgent(userAgent);
  const name = browser ?? "an unknown browser";
  return system ? `${name} on ${system}` : name;
}
