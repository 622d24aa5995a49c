// @ts-check
// The search index as the browser's engine reads it, for the Python tests: the only
// decoder of the format is theme/assets/javascripts/tim-kiem/engine.js.
//   node tests/js/read_index.mjs <index folder>  →  JSON on stdout: the manifest, every
//   dictionary entry with its postings, every facet list, every result fragment.

import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

import { SearchIndex, filePath } from "../../theme/assets/javascripts/tim-kiem/engine.js";

/**
 * `fetch` for file: URLs, as the engine calls it (the query string is a cache key).
 * @param {URL | string} url
 */
async function fileFetch(url) {
  const path = new URL(url);
  path.search = "";
  try {
    const data = await readFile(path);
    return new Response(new Uint8Array(data));
  } catch {
    return new Response(null, { status: 404 });
  }
}

/**
 * @param {string} folder
 */
export async function readIndex(folder) {
  globalThis.fetch = /** @type {typeof fetch} */ (fileFetch);
  const index = await SearchIndex.open(pathToFileURL(`${folder}/`));
  const { layout } = index;
  /** @type {Record<string, {documents: number, postings: Record<string, [number, number][]>}>} */
  const entries = {};
  const shardPaths = [];
  for (const [shard, letters] of index.shards) {
    shardPaths.push(filePath(layout.files.wordShard, { shard }));
    for (const letter of letters) shardPaths.push(filePath(layout.files.pairShard, { shard, letter }));
  }
  for (const path of shardPaths) {
    for (const entry of (await index.shard(path)).values()) {
      /** @type {Record<string, [number, number][]>} */
      const postings = {};
      for (const { spelling, docs, ranks } of await index.postings(entry)) {
        postings[spelling] = Array.from(docs, (doc, i) => [doc, ranks[i]]);
      }
      entries[entry.key] = { documents: entry.documents, postings };
    }
  }
  /** @type {Record<string, Record<string, number[]>>} */
  const facets = {};
  for (const facet of index.manifest.facets) {
    facets[facet.id] = {};
    for (const value of facet.values) {
      facets[facet.id][value.id] = Array.from(await index.facetList(facet.id, value.id));
    }
  }
  const fragments = [];
  for (let number = 0; number < index.size; number++) fragments.push(await index.document(number));
  return { manifest: index.manifest, entries, facets, fragments };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(JSON.stringify(await readIndex(process.argv[2])));
}
