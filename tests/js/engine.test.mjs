// @ts-check
// The search engine (engine.js) over a small index written here in the documented format.
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { test } from "node:test";

import {
  FORMAT_VERSION,
  SearchIndex,
  filePath,
  parseQuery,
  shardName,
} from "../../theme/assets/javascripts/tim-kiem/engine.js";

const LAYOUT = {
  shardPrefix: 2,
  rankBits: 2,
  fragmentsPerPack: 2,
  files: {
    wordShard: "d/{shard}.bin",
    pairShard: "d/{shard}-{letter}.bin",
    postings: "p/{number}.bin",
    facet: "f/{facet}/{value}.bin",
    fragments: "r/{pack}.bin",
  },
};

/** @param {number[]} values */
const varints = (values) => {
  const out = [];
  for (let value of values) {
    while (value > 0x7f) {
      out.push((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    out.push(value);
  }
  return out;
};
/** @param {string} text */
const text = (text) => {
  const bytes = [...new TextEncoder().encode(text)];
  return [...varints([bytes.length]), ...bytes];
};
/** postings of one spelling: [document, rank] pairs, as (gap - 1) << 2 | rank */
const postings = (/** @type {string} */ spelling, /** @type {[number, number][]} */ found) => {
  let previous = -1;
  const values = found.map(([doc, rank]) => {
    const value = ((doc - previous - 1) << 2) | rank;
    previous = doc;
    return value;
  });
  return [...varints([1]), ...text(spelling), ...varints([found.length]), ...values.flatMap((v) => varints([v]))];
};
/** @param {[string, number, number[]][]} entries key, documents, postings block */
const shard = (entries) =>
  gzipSync(
    Uint8Array.from([
      FORMAT_VERSION,
      ...entries.flatMap(([key, docs, block]) => [...text(key), ...varints([docs, 0, block.length]), ...block]),
    ]),
  );

const FRAGMENTS = [
  { t: "Nguyễn Văn An", k: "ca-nhan", u: "ca-nhan/an/", x: "Bắc Kạn" },
  { t: "Trần Thị Bình", k: "ca-nhan", u: "ca-nhan/binh/", x: "Lâm Đồng" },
  { t: "Hội Nông dân", k: "tap-the", u: "tap-the/hoi/", x: "Bắc Kạn" },
];
/** @type {Record<string, Uint8Array>} */
const FILES = {
  "index.json": new TextEncoder().encode(
    JSON.stringify({
      version: FORMAT_VERSION,
      layout: LAYOUT,
      build: "t",
      documents: 3,
      kindFacet: { id: "loai", label: "Loại" },
      kinds: [
        { id: "ca-nhan", label: "Cá nhân", start: 0, end: 2 },
        { id: "tap-the", label: "Tập thể", start: 2, end: 3 },
      ],
      facets: [{ id: "tinh", label: "Tỉnh", values: [{ id: "bac-kan", label: "Bắc Kạn", count: 2 }] }],
      shards: { ba: "k", ka: "" },
    }),
  ),
  "d/ba.bin": shard([["bac", 2, postings("bắc", [[0, 1], [2, 0]])]]),
  "d/ka.bin": shard([["kan", 2, postings("kạn", [[0, 1], [2, 1]])]]),
  "d/ba-k.bin": shard([["bac kan", 2, postings("bắc kạn", [[0, 1], [2, 1]])]]),
  "f/tinh/bac-kan.bin": gzipSync(Uint8Array.from([FORMAT_VERSION, ...varints([2, 0, 1])])),
  "r/0.bin": gzipSync(new TextEncoder().encode(JSON.stringify(FRAGMENTS.slice(0, 2)))),
  "r/1.bin": gzipSync(new TextEncoder().encode(JSON.stringify(FRAGMENTS.slice(2)))),
};

const BASE = new URL("http://index.test/chi-muc/");
/** @type {string[]} */
const fetched = [];
globalThis.fetch = /** @type {typeof fetch} */ (
  async (/** @type {URL | string} */ url) => {
    const path = new URL(url).pathname.replace("/chi-muc/", "");
    fetched.push(path);
    const body = /** @type {Uint8Array<ArrayBuffer> | undefined} */ (FILES[path]);
    return body ? new Response(body) : new Response(null, { status: 404 });
  }
);

test("file names come from the layout the index declares", () => {
  assert.equal(filePath(LAYOUT.files.pairShard, { shard: "ba", letter: "k" }), "d/ba-k.bin");
  assert.equal(shardName("đắk", 2), "_111_1eaf");
  assert.equal(shardName("nguyen", 2), "ng");
});

test("a query is cut into terms and neighbouring pairs; the last word may be unfinished", () => {
  const { terms, pairs } = parseQuery("Bắc ka");
  assert.deepEqual(terms.map((t) => [t.key, t.complete, t.accented]), [["bac", true, true], ["ka", false, false]]);
  assert.deepEqual(pairs.map((p) => p.key), ["bac ka"]);
});

test("a search ranks by where the words are and reads results from their pack", async () => {
  const index = await SearchIndex.open(BASE);
  const search = await index.search("bac kan ", new Map());
  assert.deepEqual(search.results, [2, 0]); // a title word outweighs a fact
  assert.deepEqual((await index.document(2)).u, "tap-the/hoi/");
  assert.deepEqual((await index.document(1)).t, "Trần Thị Bình");
  assert.ok(fetched.includes("r/1.bin") && fetched.includes("d/ba-k.bin"));
});

test("facets filter results and count what each value would give", async () => {
  const index = await SearchIndex.open(BASE);
  const search = await index.search("", new Map([["loai", new Set(["ca-nhan"])]]));
  assert.deepEqual(search.results, [0, 1]);
  const counts = await search.counts(index.groups[1]);
  assert.deepEqual([...counts], [["bac-kan", 1]]);
});

test("an index of another format version is refused", async () => {
  const saved = FILES["index.json"];
  FILES["index.json"] = new TextEncoder().encode(JSON.stringify({ version: FORMAT_VERSION + 1 }));
  await assert.rejects(SearchIndex.open(BASE), /index/);
  FILES["index.json"] = saved;
});
