import { errorResponse } from "@/lib/api/responses";
import { AppError } from "@/lib/errors";

// Any method on a path under /api/v1 that no endpoint has – JSON 404, like every API error
function notFound() {
  return errorResponse(
    new AppError("not_found", "There is no API endpoint at this path; /api/v1/openapi.json lists them."),
  );
}

export {
  notFound as GET,
  notFound as HEAD,
  notFound as OPTIONS,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
};
