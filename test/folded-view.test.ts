import { describe, expect, it } from "vitest";
import { foldedView } from "../src/folded-view.js";
import { published } from "./helpers/published.js";

describe("foldedView", () => {
  it("should fold alef, yeh, teh marbuta and diacritics as CAMeL Tools does", () => {
    expect(foldedView("أمريكيةً إلى آخر").text).toBe("امريكيه الي اخر");
  });

  it("should switch off only the folds set to false, keeping the others on", () => {
    const text = "أمريكيةً إلى آخرـ";
    expect(foldedView(text, {}).text).toBe(foldedView(text).text);
    expect(foldedView(text, { alef: true }).text).toBe("امريكيه الي اخر");
    expect(foldedView(text, { yeh: false }).text).toBe("امريكيه الى اخر");
    expect(foldedView(text, { diacritics: false }).text).toBe("امريكيهً الي اخر");
    expect(foldedView(text, { alef: false, tatweel: false }).text).toBe("أمريكيه إلي آخرـ");
    expect(foldedView(text, { yeh: undefined }).text).toBe("امريكيه الي اخر");
  });

  it("should fold only alef when every other fold is set to false", () => {
    expect(foldedView("إيرانيةً", { yeh: false, tehMarbuta: false, diacritics: false, tatweel: false }).text).toBe("ايرانيةً");
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
