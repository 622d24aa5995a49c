// The search engine of /tim-kiem/. It reads the index that generator/search/files.py
// writes (its docstring describes the files) and fetches only what a query needs: the
// shards of its words and of its pairs of neighbouring words, their postings, the lists of
// the facet values in use, and the documents shown. Every file is fetched once per page.

import { forms, words } from "./vietnamese.js";

const FORMAT_VERSION = 1;
const SHARD_PREFIX = 2;
const FRAGMENTS_PER_FOLDER = 1000;
const RANK_WEIGHT = [8, 3, 1]; // the word is in the title, in the key facts, in the body
// A word typed with marks ranks the pages that spell it so above those that only match it
// folded ("Hoàng" before "Hoáng"); one typed without marks ("hoang") prefers no spelling.
const OTHER_SPELLING = 0.3;
const COMPLETION = 0.5; // an unfinished last word matches the words it begins...
const COMPLETIONS = 5; // ...the most frequent of them, to keep downloads small
const PAIR_WEIGHT = 1; // "bắc kạn" together, beyond "bắc" and "kạn" apart
const decoder = new TextDecoder();

class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  get done() {
    return this.at >= this.bytes.length;
  }

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

async function inflate(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // the server inflated it already
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function binary(bytes) {
  if (bytes[0] !== FORMAT_VERSION) throw new Error(`search index format ${bytes[0]}`);
  return new Reader(bytes, 1);
}

function parseEntries(reader) {
  const entries = new Map();
  while (!reader.done) {
    const key = reader.text();
    const documents = reader.varint();
    const file = reader.varint();
    entries.set(key, { key, documents, file, block: file ? null : reader.slice() });
  }
  return entries;
}

function parsePostings(reader) {
  const spellings = [];
  for (let n = reader.varint(); n > 0; n--) {
    const spelling = reader.text();
    const count = reader.varint();
    const docs = new Uint32Array(count);
    const ranks = new Uint8Array(count);
    let number = -1;
    for (let i = 0; i < count; i++) {
      const value = reader.varint();
      number += Math.floor(value / 4) + 1;
      docs[i] = number;
      ranks[i] = value & 3;
    }
    spellings.push({ spelling, docs, ranks });
  }
  return spellings;
}

function parseNumbers(reader) {
  const numbers = new Uint32Array(reader.varint());
  let number = -1;
  for (let i = 0; i < numbers.length; i++) {
    number += reader.varint() + 1;
    numbers[i] = number;
  }
  return numbers;
}

/** The file name of a key's dictionary shard: mirrors shard_name in files.py. */
export function shardName(key) {
  return Array.from(key)
    .slice(0, SHARD_PREFIX)
    .map((ch) => (/[a-z0-9]/.test(ch) ? ch : `_${ch.codePointAt(0).toString(16)}`))
    .join("");
}

/**
 * The words of a query, each once, and the pairs of neighbouring words. The last word is
 * unfinished while the reader is still typing it.
 */
export function parseQuery(query) {
  const list = words(query);
  const typing = /[\p{L}\p{N}\u0300-\u036f]$/u.test(query.normalize("NFC"));
  const ordered = list.map((word, position) => {
    const { key, spelling } = forms(word);
    const complete = !(typing && position === list.length - 1);
    return { key, spelling, accented: spelling !== key, complete };
  });
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
  static async open(base) {
    const response = await fetch(new URL("index.json", base), { cache: "no-cache" });
    if (!response.ok) throw new Error(`index.json: HTTP ${response.status}`);
    const manifest = await response.json();
    if (manifest.version !== FORMAT_VERSION) throw new Error(`index ${manifest.version}`);
    return new SearchIndex(base, manifest);
  }

  constructor(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    this.size = manifest.documents;
    // word shard → the letters of its pair shards: "ba" → {"c", "k"} for ba-c and ba-k
    this.shards = new Map(
      Object.entries(manifest.shards).map(([name, letters]) => [
        name,
        new Set(letters.split(" ").filter(Boolean)),
      ]),
    );
    this.groups = [
      {
        ...manifest.kindFacet,
        kind: true,
        values: manifest.kinds.map((k) => ({ ...k, count: k.end - k.start })),
      },
      ...manifest.facets,
    ];
    this.files = new Map(); // path → promise of its parsed content
  }

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
    return this.files.get(path);
  }

  document(number) {
    const folder = Math.floor(number / FRAGMENTS_PER_FOLDER);
    return this.load(`r/${folder}/${number}.bin`, (bytes) => JSON.parse(decoder.decode(bytes)));
  }

  facetList(group, value) {
    return this.load(`f/${group}/${value}.bin`, (bytes) => parseNumbers(binary(bytes)));
  }

  shard(name) {
    return this.load(`d/${name}.bin`, (bytes) => parseEntries(binary(bytes)));
  }

  /** The entries for a term: its key, or while it is unfinished, the keys it begins. */
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

  async matches(term) {
    const name = shardName(term.key);
    if (!this.shards.has(name)) return [];
    return SearchIndex.lookup(await this.shard(name), term);
  }

  async pairMatches(pair) {
    const name = shardName(pair.first.key);
    const letter = shardName(Array.from(pair.key.split(" ")[1])[0]);
    if (!this.shards.get(name)?.has(letter)) return [];
    return SearchIndex.lookup(await this.shard(`${name}-${letter}`), pair);
  }

  postings(entry) {
    if (entry.block) return Promise.resolve(parsePostings(new Reader(entry.block)));
    return this.load(`p/${entry.file}.bin`, (bytes) => parsePostings(binary(bytes)));
  }

  /** Each document's best score for one word or pair: 0 where it is absent. */
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

  async termScores(term) {
    const found = await this.matches(term);
    // A word the index has is taken as typed: highlight it, not the words it begins.
    if (found.length === 1 && found[0].weight === 1) term.complete = true;
    return this.scores(found, term);
  }

  async pairScores(pair) {
    return this.scores(await this.pairMatches(pair), pair);
  }

  /** group id → Uint8Array marking the documents with any of the chosen values. */
  async filterMasks(filters) {
    const masks = new Map();
    await Promise.all(
      [...filters].map(async ([groupId, values]) => {
        const group = this.groups.find((g) => g.id === groupId);
        const chosen = group?.values.filter((v) => values.has(v.id)) ?? [];
        if (!chosen.length) return;
        const mask = new Uint8Array(this.size);
        if (group.kind) {
          for (const { start, end } of chosen) mask.fill(1, start, end);
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
   */
  async search(query, filters) {
    const { terms, pairs } = parseQuery(query);
    const [scores, pairScores, masks] = await Promise.all([
      Promise.all(terms.map((term) => this.termScores(term))),
      Promise.all(pairs.map((pair) => this.pairScores(pair))),
      this.filterMasks(filters),
    ]);
    let matching = null; // every document when nothing is typed
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

  /** The documents of `matching` that pass every group's filter but `except`'s. */
  filtered(matching, masks, except) {
    const active = [...masks].filter(([id]) => id !== except).map(([, mask]) => mask);
    const results = [];
    const take = (number) => {
      if (active.every((mask) => mask[number])) results.push(number);
    };
    if (matching) matching.forEach(take);
    else for (let number = 0; number < this.size; number++) take(number);
    return results;
  }
}

class Search {
  constructor(index, terms, matching, masks, results) {
    this.index = index;
    this.terms = terms;
    this.matching = matching;
    this.masks = masks;
    this.results = results;
  }

  /** value id → how many results it would give, the other groups' filters kept. */
  async counts(group) {
    if (!this.matching && !this.masks.size) {
      return new Map(group.values.map((v) => [v.id, v.count]));
    }
    const base = this.index.filtered(this.matching, this.masks, group.id);
    if (group.kind) {
      return new Map(
        group.values.map((v) => [v.id, base.filter((n) => n >= v.start && n < v.end).length]),
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
