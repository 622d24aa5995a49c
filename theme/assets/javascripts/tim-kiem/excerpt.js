// @ts-check
// Which words of a result to highlight, and which part of its text to show.
// Matching folds as the index does, so "dong ba" highlights "Đông Ba".

import { WORD, forms } from "./vietnamese.js";

const EXCERPT_WORDS = 32;
const CONTEXT_WORDS = 4; // shown before the first highlighted word

/**
 * @typedef {import("./engine.js").Term} Term
 * @typedef {{term: number, exact: boolean}} Hit which query term a word matches
 * @typedef {(word: string) => Hit | null} HitTest
 * @typedef {{start: number, end: number, hit: Hit | null}} FoundWord
 * @typedef {{text: string, mark: boolean}} Piece
 */

/**
 * A test for words: the index of the query term a word matches and whether it is spelled
 * as typed, or null. An unfinished last term matches the words it begins.
 * @param {Term[]} terms
 * @returns {HitTest}
 */
export function hitTest(terms) {
  return (word) => {
    const { key, spelling } = forms(word);
    const term = terms.findIndex((t) => (t.complete ? key === t.key : key.startsWith(t.key)));
    if (term < 0) return null;
    return { term, exact: !terms[term].accented || spelling.startsWith(terms[term].spelling) };
  };
}

/**
 * @param {string} text
 * @param {HitTest} isHit
 * @returns {FoundWord[]}
 */
function wordsOf(text, isHit) {
  return Array.from(text.matchAll(WORD), (m) => ({
    start: m.index,
    end: m.index + m[0].length,
    hit: isHit(m[0]),
  }));
}

/**
 * [{text, mark}] pieces of `text` from `from` to `to`, the hits marked.
 * @param {string} text
 * @param {FoundWord[]} found
 * @param {number} from
 * @param {number} to
 * @returns {Piece[]}
 */
function pieces(text, found, from, to) {
  /** @type {Piece[]} */
  const out = [];
  let at = from;
  for (const word of found) {
    if (!word.hit || word.start < from || word.end > to) continue;
    if (word.start > at) out.push({ text: text.slice(at, word.start), mark: false });
    out.push({ text: text.slice(word.start, word.end), mark: true });
    at = word.end;
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/**
 * @param {string} text
 * @param {HitTest} isHit
 * @returns {Piece[]}
 */
export function highlight(text, isHit) {
  return pieces(text, wordsOf(text, isHit), 0, text.length);
}

/**
 * How well a window answers the query: more of its terms, then more exact spellings.
 * @param {FoundWord[]} found
 * @param {number} start
 * @returns {number}
 */
function windowScore(found, start) {
  /** @type {Set<number>} */
  const terms = new Set();
  let exact = 0;
  for (let j = start; j < Math.min(found.length, start + EXCERPT_WORDS); j++) {
    const hit = found[j].hit;
    if (!hit) continue;
    terms.add(hit.term);
    exact += Number(hit.exact);
  }
  return terms.size * 1000 + exact;
}

/**
 * About EXCERPT_WORDS words of `text`, cut with "…": from the start when `fromStart` (the
 * title already shows every term), else around the words that answer the query best.
 * @param {string} text
 * @param {HitTest} isHit
 * @param {boolean} [fromStart]
 * @returns {Piece[]}
 */
export function excerpt(text, isHit, fromStart = false) {
  const found = wordsOf(text, isHit);
  let best = 0;
  if (!fromStart) {
    let bestScore = 0;
    found.forEach((word, i) => {
      if (!word.hit) return;
      const start = Math.max(0, i - CONTEXT_WORDS);
      const score = windowScore(found, start);
      if (score > bestScore) [best, bestScore] = [start, score];
    });
  }
  const last = Math.min(found.length, best + EXCERPT_WORDS) - 1;
  const from = best === 0 ? 0 : found[best].start;
  const to = last < 0 || last === found.length - 1 ? text.length : found[last].end;
  const out = pieces(text, found, from, to);
  if (from > 0) out.unshift({ text: "… ", mark: false });
  if (to < text.length) out.push({ text: " …", mark: false });
  return out;
}

/**
 * Whether `text` contains a word for every term of the query.
 * @param {string} text
 * @param {HitTest} isHit
 * @param {number} termCount
 * @returns {boolean}
 */
export function coversAll(text, isHit, termCount) {
  /** @type {Set<number>} */
  const terms = new Set();
  for (const word of wordsOf(text, isHit)) if (word.hit) terms.add(word.hit.term);
  return terms.size === termCount;
}
