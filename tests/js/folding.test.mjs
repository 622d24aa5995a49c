// @ts-check
// How the search page cuts and folds words (vietnamese.js), as the index does (text.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { forms, standardToneStyle, words } from "../../theme/assets/javascripts/tim-kiem/vietnamese.js";

test("đ folds to d and marks are dropped from the key", () => {
  assert.deepEqual(forms("Đắk"), { key: "dak", spelling: "đắk" });
});

test("the old tone-mark style is spelled in the new one", () => {
  assert.equal(standardToneStyle("hoà thuỷ khoẻ"), "hòa thủy khỏe");
  assert.equal(standardToneStyle("quý"), "quý");
});

test("a decomposed (NFD) query gives the words of the composed one", () => {
  assert.deepEqual(words("Như Thanh".normalize("NFD")), ["Như", "Thanh"]);
});

test("punctuation separates words and digits are words", () => {
  assert.deepEqual(words("Bắc Kạn, 2023!"), ["Bắc", "Kạn", "2023"]);
});
