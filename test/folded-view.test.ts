import { describe, expect, it } from "vitest";
import { foldedView } from "../src/folded-view.js";
import { published } from "./helpers/published.js";

describe("foldedView", () => {
  it("should fold alef, yeh, teh marbuta and diacritics as CAMeL Tools does", () => {
    expect(foldedView("أمريكيةً إلى آخر").text).toBe("امريكيه الي اخر");
  });

  it("should fold only what is asked", () => {
    expect(foldedView("إيرانيةً", { alef: true }).text).toBe("ايرانيةً");
    expect(foldedView("إيرانيةً", { diacritics: true }).text).toBe("إيرانية");
  });

  it("should map a match in the folded text back to the original spelling", () => {
    const text = "أكثر استقرارًا في الأمم المتحدة";
    const view = foldedView(text);
    const at = view.text.indexOf("استقرارا");
    const span = view.toOriginalSpan(at, at + "استقرارا".length);
    expect([...text].slice(span.start, span.end).join("")).toBe("استقرارًا");
  });

  it("should keep the diacritics of a span's last letter inside the original span", () => {
    const view = foldedView("بَيتٌ كبير");
    expect(view.text).toBe("بيت كبير");
    const first = view.toOriginalSpan(0, 1);
    expect([..."بَيتٌ كبير"].slice(first.start, first.end).join("")).toBe("بَ");
    const word = view.toOriginalSpan(0, 3);
    expect([..."بَيتٌ كبير"].slice(word.start, word.end).join("")).toBe("بَيتٌ");
  });

  it("should round-trip every kept character of the published text", () => {
    const text = published.documents[0]!.text;
    const original = [...text];
    const view = foldedView(text);
    const folded = [...view.text];
    for (let i = 0; i < folded.length; i++) {
      const back = view.toOriginal(i);
      expect(view.toFolded(back)).toBe(i);
      const folds: Record<string, string> = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه" };
      expect(folded[i], `folded offset ${i}`).toBe(folds[original[back]!] ?? original[back]);
    }
  });

  it("should never change the published text itself", () => {
    const before = published.documents[0]!.text;
    foldedView(before);
    expect(published.documents[0]!.text).toBe(before);
  });
});
