import { describe, expect, it } from "vitest";
import { printable } from "../src/validate/printable.js";

describe("printable", () => {
  it("should escape controls, the line and paragraph separators and lone surrogates as JSON would, and leave other text as it is", () => {
    expect(printable('a\nb\tc\u0000d\u007f\u0085\u2028\u2029"\\')).toBe('a\\nb\\tc\\u0000d\\u007f\\u0085\\u2028\\u2029"\\');
    expect(printable("x\ud800y\udc00")).toBe("x\\ud800y\\udc00");
    for (const text of ["التقى", "😀 é", "", "\u200f\u061c"]) expect(printable(text)).toBe(text);
  });

  it("should give the same answer twice in a row (its pattern is global)", () => {
    expect([printable("a\nb"), printable("a\nb"), printable("ab")]).toEqual(["a\\nb", "a\\nb", "ab"]);
  });
});
