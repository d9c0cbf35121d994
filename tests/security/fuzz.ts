import { appendFileSync } from "node:fs";
import fc from "fast-check";
import { inject } from "vitest";

// Fixed seeds, so CI is reproducible; FUZZ_RUNS=N multiplies every count locally, and
// FUZZ_SEED picks another seed. The two databases get seeds of their own: they see different
// values, so together they try twice as many as either does.
const seed = Number(process.env.FUZZ_SEED ?? 20261127) + (inject("database") === "postgres" ? 1 : 0);
fc.configureGlobal({ seed, endOnFailure: true });

export function runs(base: number): number {
  return base * Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
}

// One row of the suite's summary table (printed by the global setup's teardown).
export function report(check: string, count: number, failures: number): void {
  appendFileSync(inject("reportFile"), JSON.stringify({ check, runs: count, failures }) + "\n");
}

const CONTROL = fc.constantFrom("\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\r", "\u200b", "\ufeff");

// Values that have broken parsers before: control characters, invisible text, odd
// numbers and dates, wrong types, deep and large structures.
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.tuple(fc.string(), CONTROL, fc.string()).map(([a, c, b]) => a + c + b),
  fc.constantFrom(
    "",
    " ",
    "\u200b\u200b",
    "\t\n",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:60Z",
    "2027-02-30T00:00:00Z",
  ),
  fc.constantFrom("-1", "1e309", "NaN", "null", "[]", "{}", "__proto__", "key_0000000000000000"),
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
  fc.uuid(),
  fc.string({ minLength: 200, maxLength: 400 }),
);

// A request body: a valid one with one field replaced, removed or added, or any JSON at all.
export function bodyFor(valid: Record<string, unknown>, fields: string[]): fc.Arbitrary<unknown> {
  const names = fields.length > 0 ? fields : Object.keys(valid);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...names), nasty).map(([field, value]) => ({ ...valid, [field]: value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...names)
        .map((field) => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== field))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ minLength: 1, maxLength: 10 }), nasty)
        .map(([field, value]) => ({ ...valid, [field]: value })),
    },
    { weight: 2, arbitrary: fc.jsonValue() },
  );
}

// Runs `check` on `numRuns` generated values; a returned string is a failure. The row
// of the summary table is written whatever happens; fast-check then reports the
// (shrunk) counterexample.
export async function fuzz<T>(
  check: string,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  property: (value: T) => Promise<string | null>,
): Promise<void> {
  let count = 0;
  let failures = 0;
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => {
        count++;
        const failure = await property(value);
        if (failure) {
          failures++;
          throw new Error(failure);
        }
      }),
      { numRuns },
    );
  } finally {
    report(check, count, failures);
  }
}
