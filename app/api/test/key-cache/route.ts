import { doorRefusals } from "@/lib/api/front-door";
import { errorResponse, json } from "@/lib/api/responses";
import { testClockEnabled } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { secretsHashed } from "@/lib/api-keys/verify";
import { keyCache } from "@/lib/key-cache/cache";
import { coordinatorStats } from "@/lib/key-cache/coordinator";
import { secretFilter } from "@/lib/key-cache/secret-filter";

// Tests and the bench only: exists on a server started with WISP_TEST_CLOCK=1, a plain 404
// everywhere else. How many keys this instance holds in memory, and how many database
// lookups its key checks have made since it started, its filter of live secrets, and how
// many requests the front door refused before Next, and how many presented secrets the key
// checks hashed (one per request with a key), and how many times a lease renewal found the
// lease had run out in the database (the cache then starts again from empty).
// GET /api/test/key-cache – this instance's key cache figures
export function GET() {
  if (!testClockEnabled()) return errorResponse(new AppError("not_found", "No such endpoint."));
  return json({
    ...keyCache.stats(),
    filter: secretFilter.stats(),
    doorRefusals: doorRefusals(),
    secretsHashed: secretsHashed(),
    ...coordinatorStats(),
  });
}
