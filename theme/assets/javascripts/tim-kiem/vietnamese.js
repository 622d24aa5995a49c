// @ts-check
// How a word is cut, folded and spelled: the mirror of generator/search/text.py, which
// built the index. A query must reach the same keys the index holds, or nothing matches.

// "hoà, thuỷ, khoẻ" → "hòa, thủy, khỏe": the tone mark on the first vowel of a final
// oa/oe/uy, as generator/vietnamese.py stores every text ("quý" is left alone).
const TONE_MARKS = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
/** @type {Map<string, string>} old-style glide → standard */
const GLIDES = new Map();
for (const first of "oOuU") {
  for (const second of "oO".includes(first) ? "aAeE" : "yY") {
    for (const mark of TONE_MARKS) {
      const old = first + (second + mark).normalize("NFC");
      GLIDES.set(old, (first + mark).normalize("NFC") + second);
    }
  }
}
const OLD_STYLE_GLIDE = new RegExp(
  `(?<![qQ])(?:${[...GLIDES.keys()].join("|")})(?![\\p{L}\\p{N}_])`,
  "gu",
);

export const WORD = /[\p{L}\p{N}\u0300-\u036f]+/gu;
const MARKS = /[\u0300-\u036f]/g;

/**
 * @param {string} text
 * @returns {string}
 */
export function standardToneStyle(text) {
  // OLD_STYLE_GLIDE is built from GLIDES' keys, so every match has a replacement.
  return text.replace(OLD_STYLE_GLIDE, (glide) => /** @type {string} */ (GLIDES.get(glide)));
}

/**
 * The words of any text, NFC first so that a decomposed (NFD) query meets the index.
 * @param {string} text
 * @returns {string[]}
 */
export function words(text) {
  return text.normalize("NFC").match(WORD) ?? [];
}

/**
 * key: what matching uses (no marks, đ→d, lowercase); spelling: what ranking prefers.
 * @param {string} word
 * @returns {{key: string, spelling: string}}
 */
export function forms(word) {
  const spelling = standardToneStyle(word.normalize("NFC").toLowerCase());
  const key = spelling.replaceAll("đ", "d").normalize("NFD").replace(MARKS, "");
  return { key, spelling };
}
