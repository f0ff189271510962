import { describe, expect, it } from "vitest";
import { codePointLength, CodePointText } from "../src/code-points.js";

describe("CodePointText", () => {
  const text = new CodePointText("a😀بc");

  it("should count code points, not UTF-16 units", () => {
    expect(codePointLength("a😀بc")).toBe(4);
    expect(text.length).toBe(4);
  });

  it("should slice by code point without splitting a surrogate pair", () => {
    expect(text.slice(1, 2)).toBe("😀");
    expect(text.slice(2, 4)).toBe("بc");
  });

  it("should convert between code-point and UTF-16 offsets both ways", () => {
    expect(text.toUnit(2)).toBe(3);
    expect(text.toPoint(3)).toBe(2);
    for (let p = 0; p <= text.length; p++) expect(text.toPoint(text.toUnit(p))).toBe(p);
  });

  it("should refuse a UTF-16 offset inside a surrogate pair", () => {
    expect(() => text.toPoint(2)).toThrow(/splits a surrogate pair/);
  });

  it("should refuse offsets out of range, negative, fractional or reversed", () => {
    expect(() => text.slice(0, 5)).toThrow(/from 0 to 4, found 5/);
    expect(() => text.slice(-1, 2)).toThrow(/found -1/);
    expect(() => text.slice(0.5, 2)).toThrow(/found 0.5/);
    expect(() => text.slice(3, 2)).toThrow(/expected end >= start/);
  });
});
