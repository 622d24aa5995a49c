// @ts-check
// Highlights and excerpts of results (excerpt.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { parseQuery } from "../../theme/assets/javascripts/tim-kiem/engine.js";
import { coversAll, excerpt, highlight, hitTest } from "../../theme/assets/javascripts/tim-kiem/excerpt.js";

/** @param {{text: string, mark: boolean}[]} pieces */
const marked = (pieces) => pieces.filter((p) => p.mark).map((p) => p.text);

test("a query without marks highlights the words it folds to", () => {
  const isHit = hitTest(parseQuery("dong ba ").terms);
  assert.deepEqual(marked(highlight("Chợ Đông Ba, Huế", isHit)), ["Đông", "Ba"]);
});

test("an unfinished last word highlights the words it begins", () => {
  const isHit = hitTest(parseQuery("thanh hoa").terms);
  assert.deepEqual(marked(highlight("Thanh Hóa và Hoàng Thanh", isHit)), ["Thanh", "Hóa", "Hoàng", "Thanh"]);
});

test("a long text is cut around the words found, with ellipses", () => {
  const filler = Array.from({ length: 60 }, (_, i) => `từ${i}`).join(" ");
  const text = `${filler} Lâm Đồng ${filler}`;
  const pieces = excerpt(text, hitTest(parseQuery("lam dong ").terms));
  assert.equal(pieces[0].text, "… ");
  assert.equal(pieces.at(-1)?.text, " …");
  assert.deepEqual(marked(pieces), ["Lâm", "Đồng"]);
});

test("coversAll tells whether every term is in a text", () => {
  const isHit = hitTest(parseQuery("bac kan ").terms);
  assert.equal(coversAll("Bắc Kạn", isHit, 2), true);
  assert.equal(coversAll("Bắc Giang", isHit, 2), false);
});

test("of two windows with the same terms, the one spelled as typed is shown", () => {
  const filler = Array.from({ length: 60 }, (_, i) => `từ${i}`).join(" ");
  const text = `${filler} Hoáng ${filler} Hoàng ${filler}`;
  const pieces = excerpt(text, hitTest(parseQuery("hoàng ").terms));
  assert.deepEqual(marked(pieces), ["Hoàng"]);
});
