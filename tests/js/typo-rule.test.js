/* The one typo rule of the finder and of the site search (docs/assets/inge43-text.js, limits in
 * the search's rulebook `text.typos`). Expected values are written by hand. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { Inge43Text: T } = require("../../docs/assets/inge43-text.js");
const finder = require("../../docs/assets/finder.js");

test("no typo under five letters, one from five, two from nine", () => {
  assert.deepEqual([3, 4, 5, 8, 9, 14].map(T.typoLimit), [0, 0, 1, 1, 2, 2]);
});

test("distance counts a letter added, removed, changed, or two neighbours swapped as one edit", () => {
  assert.equal(T.distance("cimetiere", "cimetierre", 2), 1);
  assert.equal(T.distance("epuratoin", "epuration", 2), 1); // swapped
  assert.equal(T.distance("subvension", "subvention", 2), 1);
  assert.equal(T.distance("abcdef", "badcfe", 1), 2); // stops beyond the limit
  assert.equal(T.distance("abc", "abcdef", 1), 2);
});

test("isTypo applies the limit of the typed word's length", () => {
  assert.equal(T.isTypo("simetier", "cimetier"), true); // eight letters, one off
  assert.equal(T.isTypo("simetirr", "cimetier"), false); // eight letters, two off
  assert.equal(T.isTypo("simetierr", "cimetier"), true); // nine letters, two off
  assert.equal(T.isTypo("pont", "pent"), false); // four letters: another word
});

test("the finder uses the same rule as the search", () => {
  assert.equal(finder.distance, T.distance);
  assert.equal(finder.wordMatch("simetier", "cimetier"), 0.7);
  assert.equal(finder.wordMatch("simetirr", "cimetier"), 0);
  assert.equal(finder.wordMatch("pont", "pent"), 0);
});
