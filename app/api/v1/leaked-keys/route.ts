import { otherMethods } from "@/lib/api/responses";
import { readJson } from "@/lib/api/body";
import { json } from "@/lib/api/responses";
import { publicRoute } from "@/lib/api/route";
import { reportLeakedSecrets } from "@/lib/api-keys/leaks";
import { AppError } from "@/lib/errors";
import { brakeAddress } from "@/lib/http/client-address";
import { currentRequest } from "@/lib/http/request-context";
import { describeWait } from "@/lib/rate-limit/failures";
import { limits } from "@/lib/rate-limit/limits";
import { leakReportSchema } from "@/lib/validations/api-key";

// POST /api/v1/leaked-keys – anyone reports found secrets; each live one's key is disabled at once
export const POST = publicRoute(async (request) => {
  // Every call counts against its client address, on every instance together.
  const address = currentRequest()?.clientAddress;
  const { over, waitMs } = await limits().leakReports.fail(address ? brakeAddress(address) : "unknown");
  if (over) {
    throw new AppError(
      "too_many_requests",
      `Too many leak reports from this address. Try again in ${describeWait(waitMs)}.`,
      {
        retryAfter: Math.ceil(waitMs / 1000),
      },
    );
  }
  const { secrets, source } = await readJson(request, leakReportSchema);
  await reportLeakedSecrets(secrets, source);
  return json(
    {
      received: secrets.length,
      message: "Thank you. Every key among these that still worked is now disabled, and its owners are told.",
    },
    202,
  );
});

// Any other method – 405 with Allow
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
