import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// A unique-constraint clash becomes a message a person can act on.
export async function withConflictMessage<T>(message: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", message ?? "This value is already taken.");
    }
    throw error;
  }
}
