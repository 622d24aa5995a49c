// @ts-check
// The search engine of /tim-kiem/. It reads the index that generator/search/files.py
// writes (its docstring describes the files) and fetches only what a query needs: the
// shards of its words and of its pairs of neighbouring words, their postings, the lists of
// the facet values in use, and the documents shown. Every file is fetched once per page.
// File names and numbers come from the index's own `layout` (generator/search/layout.py);
// only the format version, which says how to read that layout, is known here.

import { forms, words } from "./vietnamese.js";

/**
 * @typedef {{shardPrefix: number, rankBits: number, fragmentsPerPack: number,
 *   files: {wordShard: string, pairShard: string, postings: string, facet: string,
 *   fragments: string}}} Layout
 * @typedef {{id: string, label: string, count: number}} FacetValue
 * @typedef {{id: string, label: string, values: FacetValue[]}} Facet
 * @typedef {{id: string, label: string, start: number, end: number}} KindRange
 * @typedef {{version: number, layout: Layout, build: string, documents: number,
 *   kindFacet: {id: string, label: string}, kinds: KindRange[], facets: Facet[],
 *   shards: Record<string, string>}} Manifest
 * @typedef {{id: string, label: string, kind?: boolean,
 *   values: (FacetValue & Partial<KindRange>)[]}} Group
 * @typedef {{key: string, documents: number, file: number, block: Uint8Array | null}} Entry
 * @typedef {{spelling: string, docs: Uint32Array, ranks: Uint8Array}} Spelling
 * @typedef {{key: string, spelling: string, accented: boolean, complete: boolean}} Term
 * @typedef {Term & {first: Term}} Pair
 * @typedef {{entry: Entry, weight: number}} Match
 * @typedef {{t: string, k: string, u: string, x: string, p?: string, d?: string,
 *   i?: string}} Fragment
 * @typedef {Map<string, Set<string>>} Filters
 */

/** The index format this engine reads (generator/search/layout.py FORMAT_VERSION). */
export const FORMAT_VERSION = 2;
const RANK_WEIGHT = [8, 3, 1]; // the word is in the title, in the key facts, in the body
// A word typed with marks ranks the pages that spell it so above those that only match it
// folded ("Hoàng" before "Hoáng"); one typed without marks ("hoang") prefers no spelling.
const OTHER_SPELLING = 0.3;
const COMPLETION = 0.5; // an unfinished last word matches the words it begins...
const COMPLETIONS = 5; // ...the most frequent of them, to keep downloads small
const PAIR_WEIGHT = 1; // "bắc kạn" together, beyond "bắc" and "kạn" apart
const decoder = new TextDecoder();

export class Reader {
  /**
   * @param {Uint8Array} bytes
   * @param {number} [at]
   */
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  get done() {
    return this.at >= this.bytes.length;
  }

  /** An unsigned LEB128 number (beyond 2^31: arithmetic, not bit operations). */
  varint() {
    let value = 0;
    let scale = 1;
    let byte;
    do {
      byte = this.bytes[this.at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  }

  slice() {
    const length = this.varint();
    this.at += length;
    return this.bytes.subarray(this.at - length, this.at);
  }

  text() {
    return decoder.decode(this.slice());
  }
}

/**
 * @param {Uint8Array} bytes
 * @returns {Promise<Uint8Array>}
 */
export async function inflate(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // the server inflated it already
  const stream = new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** @param {Uint8Array} bytes */
function binary(bytes) {
  if (bytes[0] !== FORMAT_VERSION) throw new Error(`search index format ${bytes[0]}`);
  return new Reader(bytes, 1);
}

/**
 * @param {Reader} reader
 * @returns {Map<string, Entry>}
 */
export function parseEntries(reader) {
  const entries = new Map();
  while (!reader.done) {
    const key = reader.text();
    const documents = reader.varint();
    const file = reader.varint();
    entries.set(key, { key, documents, file, block: file ? null : reader.slice() });
  }
  return entries;
}

/**
 * @param {Reader} reader
 * @param {number} rankBits
 * @returns {Spelling[]}
 */
export function parsePostings(reader, rankBits) {
  const spellings = [];
  const scale = 2 ** rankBits;
  for (let n = reader.varint(); n > 0; n--) {
    const spelling = reader.text();
    const count = reader.varint();
    const docs = new Uint32Array(count);
    const ranks = new Uint8Array(count);
    let number = -1;
    for (let i = 0; i < count; i++) {
      const value = reader.varint();
      number += Math.floor(value / scale) + 1;
      docs[i] = number;
      ranks[i] = value % scale;
    }
    spellings.push({ spelling, docs, ranks });
  }
  return spellings;
}

/**
 * @param {Reader} reader
 * @returns {Uint32Array}
 */
export function parseNumbers(reader) {
  const numbers = new Uint32Array(reader.varint());
  let number = -1;
  for (let i = 0; i < numbers.length; i++) {
    number += reader.varint() + 1;
    numbers[i] = number;
  }
  return numbers;
}

/**
 * The file name of a key's dictionary shard: mirrors shard_name in files.py.
 * @param {string} key
 * @param {number} prefix letters that name a shard (layout.shardPrefix)
 */
export function shardName(key, prefix) {
  return Array.from(key)
    .slice(0, prefix)
    .map((ch) => (/[a-z0-9]/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16)}`))
    .join("");
}

/**
 * A file name of the layout with its `{…}` filled in.
 * @param {string} template
 * @param {Record<string, string | number>} values
 */
export function filePath(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

/**
 * The words of a query, each once, and the pairs of neighbouring words. The last word is
 * unfinished while the reader is still typing it.
 * @param {string} query
 * @returns {{terms: Term[], pairs: Pair[]}}
 */
export function parseQuery(query) {
  const list = words(query);
  const typing = /[\p{L}\p{N}\u0300-\u036f]$/u.test(query.normalize("NFC"));
  const ordered = list.map((word, position) => {
    const { key, spelling } = forms(word);
    const complete = !(typing && position === list.length - 1);
    return { key, spelling, accented: spelling !== key, complete };
  });
  /** @type {Map<string, Term>} */
  const terms = new Map();
  for (const term of ordered) {
    const seen = terms.get(term.spelling);
    terms.set(term.spelling, { ...term, complete: term.complete || Boolean(seen?.complete) });
  }
  const pairs = ordered.slice(1).map((second, i) => {
    const first = ordered[i];
    return {
      first,
      key: `${first.key} ${second.key}`,
      spelling: `${first.spelling} ${second.spelling}`,
      accented: first.accented || second.accented,
      complete: second.complete,
    };
  });
  return { terms: [...terms.values()], pairs };
}

export class SearchIndex {
  /** @param {URL} base the index folder */
  static async open(base) {
    const response = await fetch(new URL("index.json", base), { cache: "no-cache" });
    if (!response.ok) throw new Error(`index.json: HTTP ${response.status}`);
    /** @type {Manifest} */
    const manifest = await response.json();
    if (manifest.version !== FORMAT_VERSION) throw new Error(`index ${manifest.version}`);
    return new SearchIndex(base, manifest);
  }

  /**
   * @param {URL} base
   * @param {Manifest} manifest
   */
  constructor(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    this.layout = manifest.layout;
    this.size = manifest.documents;
    // word shard → the letters of its pair shards: "ba" → {"c", "k"} for ba-c and ba-k
    this.shards = new Map(
      Object.entries(manifest.shards).map(([name, letters]) => [
        name,
        new Set(letters.split(" ").filter(Boolean)),
      ]),
    );
    /** @type {Group[]} */
    this.groups = [
      {
        ...manifest.kindFacet,
        kind: true,
        values: manifest.kinds.map((k) => ({ ...k, count: k.end - k.start })),
      },
      ...manifest.facets,
    ];
    /** @type {Map<string, Promise<any>>} path → promise of its parsed content */
    this.files = new Map();
  }

  /**
   * @template T
   * @param {string} path
   * @param {(bytes: Uint8Array) => T} parse
   * @returns {Promise<T>}
   */
  load(path, parse) {
    if (!this.files.has(path)) {
      const url = new URL(`${path}?v=${this.manifest.build}`, this.base);
      const loading = fetch(url).then(async (response) => {
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        return parse(await inflate(new Uint8Array(await response.arrayBuffer())));
      });
      loading.catch(() => this.files.delete(path)); // let a later query try again
      this.files.set(path, loading);
    }
    return /** @type {Promise<T>} */ (this.files.get(path));
  }

  /**
   * One document as a result, from the pack of fragments it is in.
   * @param {number} number
   * @returns {Promise<Fragment>}
   */
  async document(number) {
    const perPack = this.layout.fragmentsPerPack;
    const pack = Math.floor(number / perPack);
    const path = filePath(this.layout.files.fragments, { pack });
    /** @type {Fragment[]} */
    const fragments = await this.load(path, (bytes) => JSON.parse(decoder.decode(bytes)));
    return fragments[number - pack * perPack];
  }

  /**
   * @param {string} group
   * @param {string} value
   * @returns {Promise<Uint32Array>}
   */
  facetList(group, value) {
    const path = filePath(this.layout.files.facet, { facet: group, value });
    return this.load(path, (bytes) => parseNumbers(binary(bytes)));
  }

  /**
   * @param {string} path
   * @returns {Promise<Map<string, Entry>>}
   */
  shard(path) {
    return this.load(path, (bytes) => parseEntries(binary(bytes)));
  }

  /**
   * The entries for a term: its key, or while it is unfinished, the keys it begins.
   * @param {Map<string, Entry>} entries
   * @param {Term} term
   * @returns {Match[]}
   */
  static lookup(entries, term) {
    const exact = entries.get(term.key);
    if (exact) return [{ entry: exact, weight: 1 }];
    if (term.complete) return [];
    return [...entries.values()]
      .filter((entry) => entry.key.startsWith(term.key))
      .sort((a, b) => b.documents - a.documents)
      .slice(0, COMPLETIONS)
      .map((entry) => ({ entry, weight: COMPLETION }));
  }

  /** @param {Term} term */
  async matches(term) {
    const shard = shardName(term.key, this.layout.shardPrefix);
    if (!this.shards.has(shard)) return [];
    const path = filePath(this.layout.files.wordShard, { shard });
    return SearchIndex.lookup(await this.shard(path), term);
  }

  /** @param {Pair} pair */
  async pairMatches(pair) {
    const shard = shardName(pair.first.key, this.layout.shardPrefix);
    const letter = shardName(Array.from(pair.key.split(" ")[1])[0], 1);
    if (!this.shards.get(shard)?.has(letter)) return [];
    const path = filePath(this.layout.files.pairShard, { shard, letter });
    return SearchIndex.lookup(await this.shard(path), pair);
  }

  /**
   * @param {Entry} entry
   * @returns {Promise<Spelling[]>}
   */
  postings(entry) {
    const bits = this.layout.rankBits;
    if (entry.block) return Promise.resolve(parsePostings(new Reader(entry.block), bits));
    const path = filePath(this.layout.files.postings, { number: entry.file });
    return this.load(path, (bytes) => parsePostings(binary(bytes), bits));
  }

  /**
   * Each document's best score for one word or pair: 0 where it is absent.
   * @param {Match[]} found
   * @param {Term} term
   */
  async scores(found, term) {
    const lists = await Promise.all(found.map(({ entry }) => this.postings(entry)));
    const best = new Float32Array(this.size);
    found.forEach(({ entry, weight }, i) => {
      const idf = Math.log(1 + this.size / entry.documents);
      for (const { spelling, docs, ranks } of lists[i]) {
        const other = term.accented && spelling !== term.spelling;
        const factor = weight * idf * (other ? OTHER_SPELLING : 1);
        for (let j = 0; j < docs.length; j++) {
          const score = factor * RANK_WEIGHT[ranks[j]];
          if (score > best[docs[j]]) best[docs[j]] = score;
        }
      }
    });
    return best;
  }

  /** @param {Term} term */
  async termScores(term) {
    const found = await this.matches(term);
    // A word the index has is taken as typed: highlight it, not the words it begins.
    if (found.length === 1 && found[0].weight === 1) term.complete = true;
    return this.scores(found, term);
  }

  /** @param {Pair} pair */
  async pairScores(pair) {
    return this.scores(await this.pairMatches(pair), pair);
  }

  /**
   * group id → Uint8Array marking the documents with any of the chosen values.
   * @param {Filters} filters
   */
  async filterMasks(filters) {
    /** @type {Map<string, Uint8Array>} */
    const masks = new Map();
    await Promise.all(
      [...filters].map(async ([groupId, values]) => {
        const group = this.groups.find((g) => g.id === groupId);
        const chosen = group?.values.filter((v) => values.has(v.id)) ?? [];
        if (!group || !chosen.length) return;
        const mask = new Uint8Array(this.size);
        if (group.kind) {
          for (const { start, end } of chosen) mask.fill(1, start ?? 0, end ?? 0);
        } else {
          const lists = await Promise.all(chosen.map((v) => this.facetList(group.id, v.id)));
          for (const list of lists) for (const number of list) mask[number] = 1;
        }
        masks.set(groupId, mask);
      }),
    );
    return masks;
  }

  /**
   * Documents with every word of `query` and in every chosen facet group, best first.
   * Neighbouring words that stand together in a document add to its score.
   * @param {string} query
   * @param {Filters} filters
   */
  async search(query, filters) {
    const { terms, pairs } = parseQuery(query);
    const [scores, pairScores, masks] = await Promise.all([
      Promise.all(terms.map((term) => this.termScores(term))),
      Promise.all(pairs.map((pair) => this.pairScores(pair))),
      this.filterMasks(filters),
    ]);
    /** @type {number[] | null} every document when nothing is typed */
    let matching = null;
    const total = new Float32Array(this.size);
    if (terms.length) {
      matching = [];
      for (let number = 0; number < this.size; number++) {
        let sum = 0;
        for (const best of scores) {
          if (best[number] === 0) {
            sum = 0;
            break;
          }
          sum += best[number];
        }
        if (sum > 0) {
          for (const best of pairScores) sum += best[number] * PAIR_WEIGHT;
          total[number] = sum;
          matching.push(number);
        }
      }
    }
    const results = this.filtered(matching, masks, null);
    if (terms.length) results.sort((a, b) => total[b] - total[a] || a - b);
    return new Search(this, terms, matching, masks, results);
  }

  /** The state before any query or filter: counts are the whole site's. */
  idle() {
    return new Search(this, [], null, new Map(), []);
  }

  /**
   * The documents of `matching` that pass every group's filter but `except`'s.
   * @param {number[] | null} matching
   * @param {Map<string, Uint8Array>} masks
   * @param {string | null} except
   */
  filtered(matching, masks, except) {
    const active = [...masks].filter(([id]) => id !== except).map(([, mask]) => mask);
    /** @type {number[]} */
    const results = [];
    /** @param {number} number */
    const take = (number) => {
      if (active.every((mask) => mask[number])) results.push(number);
    };
    if (matching) matching.forEach(take);
    else for (let number = 0; number < this.size; number++) take(number);
    return results;
  }
}

export class Search {
  /**
   * @param {SearchIndex} index
   * @param {Term[]} terms
   * @param {number[] | null} matching
   * @param {Map<string, Uint8Array>} masks
   * @param {number[]} results
   */
  constructor(index, terms, matching, masks, results) {
    this.index = index;
    this.terms = terms;
    this.matching = matching;
    this.masks = masks;
    this.results = results;
  }

  /**
   * value id → how many results it would give, the other groups' filters kept.
   * @param {Group} group
   * @returns {Promise<Map<string, number>>}
   */
  async counts(group) {
    if (!this.matching && !this.masks.size) {
      return new Map(group.values.map((v) => [v.id, v.count]));
    }
    const base = this.index.filtered(this.matching, this.masks, group.id);
    if (group.kind) {
      return new Map(
        group.values.map((v) => [
          v.id,
          base.filter((n) => n >= (v.start ?? 0) && n < (v.end ?? 0)).length,
        ]),
      );
    }
    const inBase = new Uint8Array(this.index.size);
    for (const number of base) inBase[number] = 1;
    const lists = await Promise.all(group.values.map((v) => this.index.facetList(group.id, v.id)));
    return new Map(
      group.values.map((v, i) => {
        let count = 0;
        for (const number of lists[i]) count += inBase[number];
        return [v.id, count];
      }),
    );
  }
}
