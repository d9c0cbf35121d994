import { newDeviceMail } from "@/lib/mail/notices";
import { queueMail } from "@/lib/mail/queue";
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

// A browser as the mail names it, from fixed words only: a user agent is text the client
// chose, and a mail must not carry it (it could hold a link).
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Safari\//, "Safari"],
  [/curl\//, "curl"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPad|iOS/, "iOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

export function describeBrowser(userAgent: string | null): string {
  const ua = userAgent ?? "";
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? "an unknown browser";
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  return system ? `${browser} on ${system}` : browser;
}
