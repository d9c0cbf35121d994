import { readJson } from "@/lib/api/body";
import { json } from "@/lib/api/responses";
import { publicRoute } from "@/lib/api/route";
import { takeLeakReport } from "@/lib/api-keys/leak-report-limit";
import { reportLeakedSecrets } from "@/lib/api-keys/leaks";
import { AppError } from "@/lib/errors";
import { currentRequest } from "@/lib/http/request-context";
import { leakReportSchema } from "@/lib/validations/api-key";

// POST /api/v1/leaked-keys – anyone reports found secrets; each live one's key is disabled at once
export const POST = publicRoute(async (request) => {
  const retryAfter = takeLeakReport(currentRequest()?.clientAddress ?? null);
  if (retryAfter !== null) {
    throw new AppError("rate_limited", `Too many leak reports from this address. Try again in ${retryAfter} s.`, {
      retryAfterSeconds: retryAfter,
    });
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
