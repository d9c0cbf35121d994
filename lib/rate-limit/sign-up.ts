import "server-only";
import { AppError } from "@/lib/errors";
import { brakeAddress } from "@/lib/http/client-address";
import { describeWait } from "./failures";
import { limits } from "./limits";

export class TooManySignUps extends AppError {
  constructor(readonly retryAfterMs: number) {
    super(
      "too_many_requests",
      `Too many new accounts were created from your network. Try again in ${describeWait(retryAfterMs)}.`,
      { retryAfter: Math.ceil(retryAfterMs / 1000) },
    );
  }
}

// Counts one sign-up attempt from this client address (an IPv6 one by its /64; null: unknown)
// and throws TooManySignUps past SIGN_UPS_PER_ADDRESS_PER_HOUR, before anything is written.
export async function countSignUp(address: string | null): Promise<void> {
  const { over, waitMs } = await limits().signUpsByAddress.fail(address ? brakeAddress(address) : "unknown");
  if (over) throw new TooManySignUps(waitMs);
}
