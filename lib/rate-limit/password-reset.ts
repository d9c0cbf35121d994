import "server-only";
import { brakeAddress } from "@/lib/http/client-address";
import { limits } from "./limits";

// Whether a "Forgot password?" request may send a mail: every request counts against its
// email and its client address (an IPv6 one by its /64; null: unknown address), whether a
// login uses the email or not, so the brake tells nothing either. Past either limit the
// request is answered the same, and no mail is sent.
export async function mayMailPasswordReset(email: string, address: string | null): Promise<boolean> {
  const { resetMailsByEmail, resetMailsByAddress } = limits();
  const [byEmail, byAddress] = await Promise.all([
    resetMailsByEmail.fail(email.toLowerCase()),
    resetMailsByAddress.fail(address ? brakeAddress(address) : "unknown"),
  ]);
  return !byEmail.over && !byAddress.over;
}
