import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalOf, resolveChecked } from "@/lib/webhooks/address-policy";
import { sendSigned } from "@/lib/webhooks/send";
import { startReceiver, type Receiver } from "../helpers/webhook-receiver";

// Where webhooks may go, with the default settings (WEBHOOK_ALLOW_PRIVATE_NETWORKS unset):
// real name resolution, a real receiver on loopback that must never be reached.
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.stop());

describe("the address policy", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["192.168.0.10", "private"],
    ["172.16.5.5", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "linkLocal"],
    ["::1", "loopback"],
    ["fd00::1", "uniqueLocal"],
    ["fe80::1", "linkLocal"],
    ["::ffff:10.0.0.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["224.0.0.1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["fd00:ec2::254", "metadata"],
  ])("refuses %s (%s)", (address, why) => {
    const refusal = refusalOf(address);
    expect(refusal).not.toBeNull();
    expect(refusal).toContain(why === "metadata" ? "metadata" : why);
  });

  it.each(["93.184.215.14", "2606:4700:4700::1111", "8.8.8.8"])("lets a public address through: %s", (address) => {
    expect(refusalOf(address)).toBeNull();
  });

  it.each([
    ["https://127.0.0.1/hooks", /127\.0\.0\.1 is in a private or reserved network \(loopback\)/],
    ["https://10.0.0.7/hooks", /10\.0\.0\.7 is in a private or reserved network \(private\)/],
    ["https://169.254.169.254/latest/meta-data/", /cloud metadata/],
    ["https://[::1]:8443/hooks", /\[::1\] is in a private or reserved network \(loopback\)/],
    ["https://localhost/hooks", /localhost resolves to (127\.0\.0\.1|\[::1\]), which is in a private/],
    ["http://example.com/hooks", /Use an https:\/\/ URL/],
    ["http://127.0.0.1/hooks", /Use an https:\/\/ URL/],
  ])("refuses %s before sending", async (url, message) => {
    await expect(resolveChecked(new URL(url))).rejects.toThrow(message);
  });

  it("sends nothing to a name that resolves to a private address, and says why in the log entry", async () => {
    const result = await sendSigned(`https://localhost:${receiver.port}/hooks`, {}, "{}");
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.response).toMatch(/^Not sent: localhost resolves to/);
    expect(receiver.received).toHaveLength(0);
  });
});
