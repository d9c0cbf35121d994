import { describe, expect, it } from "vitest";
import { remembered } from "@/lib/remembered";

describe("remembered", () => {
  it("computes each input once while it is kept, null answers included", () => {
    const asked: string[] = [];
    const normalize = remembered((input: string) => {
      asked.push(input);
      return input.startsWith("bad") ? null : input.toUpperCase();
    });
    expect([normalize("a"), normalize("bad"), normalize("a"), normalize("bad")]).toEqual(["A", null, "A", null]);
    expect(asked).toEqual(["a", "bad"]);
  });

  it("keeps at most its size, dropping the oldest half when full, and still answers right", () => {
    let computed = 0;
    const double = remembered((input: string) => {
      computed += 1;
      return Number(input) * 2;
    }, 4);
    for (const input of ["1", "2", "3", "4"]) double(input);
    expect(computed).toBe(4);
    double("5"); // full: "1" and "2" are dropped
    expect(computed).toBe(5);
    expect(double("4")).toBe(8);
    expect(computed).toBe(5);
    expect(double("1")).toBe(2);
    expect(computed).toBe(6);
    for (let i = 0; i < 1000; i++) expect(double(String(i))).toBe(i * 2);
  });
});
