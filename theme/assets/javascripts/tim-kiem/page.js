// @ts-check
// The search page: reads ?q= and the facet parameters, searches as the reader types, keeps
// the address in step so a search can be linked, and announces the count. Every piece of
// content goes into the page as text (textContent, createElement), never as HTML.

import { SearchIndex, parseQuery } from "./engine.js";
import { coversAll, excerpt, highlight, hitTest } from "./excerpt.js";

const PAGE_SIZE = 10;
const TYPING_PAUSE_MS = 150;
const number = new Intl.NumberFormat("vi-VN");

/**
 * @typedef {import("./engine.js").Search} Search
 * @typedef {import("./engine.js").Group} Group
 * @typedef {import("./engine.js").Fragment} Fragment
 * @typedef {import("./engine.js").Filters} Filters
 * @typedef {import("./excerpt.js").HitTest} HitTest
 * @typedef {import("./excerpt.js").Piece} Piece
 * @typedef {{query: string, filters: Filters}} State what the address holds
 * @typedef {HTMLFormElement & {elements: HTMLFormControlsCollection & {q: HTMLInputElement}}}
 *   SearchForm the form of theme/tim-kiem.html, with its one <input name="q">
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {Element} parent
 * @param {Piece[]} pieces
 */
function appendPieces(parent, pieces) {
  for (const piece of pieces) {
    parent.append(piece.mark ? element("mark", "", piece.text) : piece.text);
  }
}

class SearchPage {
  /**
   * The elements looked up here are all rendered by theme/tim-kiem.html, the only page that
   * loads this script, around `app` (its [data-gs-search] element, which has data-root).
   * @param {HTMLElement} app
   * @param {SearchIndex} index
   */
  constructor(app, index) {
    this.index = index;
    this.form = /** @type {SearchForm} */ (app.querySelector("form"));
    this.input = this.form.elements.q;
    this.status = /** @type {HTMLParagraphElement} */ (app.querySelector("[data-gs-status]"));
    this.list = /** @type {HTMLOListElement} */ (app.querySelector("[data-gs-results]"));
    this.more = /** @type {HTMLButtonElement} */ (app.querySelector("[data-gs-more]"));
    this.hint = /** @type {HTMLParagraphElement} */ (app.querySelector("[data-gs-hint]"));
    this.facets = /** @type {HTMLDivElement} */ (app.querySelector("[data-gs-facets]"));
    this.site = new URL(/** @type {string} */ (app.dataset.root), location.href);
    this.kindLabels = new Map(index.groups[0].values.map((v) => [v.id, v.label]));
    this.title = document.title;
    this.ticket = 0;
    /** @type {Search | null} the search whose results are shown */
    this.search = null;
    this.shown = 0;
  }

  start() {
    this.renderFacets();
    this.readAddress();
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    this.input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.run(), TYPING_PAUSE_MS);
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      this.run();
    });
    this.facets.addEventListener("change", () => this.run());
    this.more.addEventListener("click", () => this.showMore());
    this.run();
  }

  /**
   * One disclosure per facet group (a button that shows and hides its checkboxes): the
   * kind group open, the others closed until asked for, since counting a group's values
   * downloads that group's lists.
   */
  renderFacets() {
    for (const group of this.index.groups) {
      const box = element("div", "gs-facet");
      box.dataset.group = group.id;
      const toggle = element("button", "gs-facet__title", group.label);
      toggle.type = "button";
      const fieldset = element("fieldset", "gs-facet__body");
      fieldset.id = `gs-facet-${group.id}`;
      toggle.setAttribute("aria-controls", fieldset.id);
      fieldset.append(element("legend", "gs-visually-hidden", group.label));
      const list = element("ul", "gs-facet__values");
      for (const value of group.values) {
        const input = element("input");
        Object.assign(input, { type: "checkbox", name: group.id, value: value.id });
        input.setAttribute("form", this.form.id);
        const count = element("span", "gs-facet__count");
        count.dataset.value = value.id;
        const label = element("label");
        label.append(input, " ", element("span", "gs-facet__label", value.label), " ", count);
        const item = element("li");
        item.append(label);
        list.append(item);
      }
      fieldset.append(list);
      box.append(toggle, fieldset);
      this.facets.append(box);
      this.setOpen(box, Boolean(group.kind));
      toggle.addEventListener("click", () => {
        this.setOpen(box, !this.isOpen(box));
        this.showCounts(box);
      });
    }
  }

  /** @param {Element} box a facet group's box, as renderFacets builds it (title and body) */
  isOpen(box) {
    return (
      /** @type {HTMLButtonElement} */ (box.querySelector(".gs-facet__title")).getAttribute(
        "aria-expanded",
      ) === "true"
    );
  }

  /**
   * @param {Element} box a facet group's box, as renderFacets builds it (title and body)
   * @param {boolean} open
   */
  setOpen(box, open) {
    /** @type {HTMLButtonElement} */ (box.querySelector(".gs-facet__title")).setAttribute(
      "aria-expanded",
      String(open),
    );
    /** @type {HTMLFieldSetElement} */ (box.querySelector(".gs-facet__body")).hidden = !open;
  }

  /** @returns {NodeListOf<HTMLInputElement>} */
  boxes() {
    return this.facets.querySelectorAll("input[type=checkbox]");
  }

  readAddress() {
    const params = new URLSearchParams(location.search);
    this.input.value = params.get("q") ?? "";
    for (const box of this.boxes()) {
      box.checked = params.getAll(box.name).includes(box.value);
      // renderFacets puts every checkbox inside its group's .gs-facet box
      if (box.checked) this.setOpen(/** @type {Element} */ (box.closest(".gs-facet")), true);
    }
  }

  /** @returns {State} */
  state() {
    /** @type {Filters} */
    const filters = new Map();
    for (const box of this.boxes()) {
      if (!box.checked) continue;
      if (!filters.has(box.name)) filters.set(box.name, new Set());
      /** @type {Set<string>} set just above */ (filters.get(box.name)).add(box.value);
    }
    return { query: this.input.value, filters };
  }

  /** @param {State} state */
  writeAddress({ query, filters }) {
    const params = new URLSearchParams();
    if (query.trim()) params.set("q", query.trim());
    for (const [group, values] of filters) for (const value of values) params.append(group, value);
    const search = params.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
    document.title = query.trim() ? `${query.trim()} – ${this.title}` : this.title;
  }

  async run() {
    const ticket = ++this.ticket;
    const state = this.state();
    this.writeAddress(state);
    if (!parseQuery(state.query).terms.length && !state.filters.size) {
      this.search = null;
      this.list.replaceChildren();
      this.more.hidden = true;
      this.hint.hidden = false;
      this.status.textContent = "";
      this.updateCounts(null);
      return;
    }
    try {
      const search = await this.index.search(state.query, state.filters);
      const cards = await this.cards(search, 0);
      if (ticket !== this.ticket) return;
      this.search = search;
      this.hint.hidden = true;
      this.list.replaceChildren(...cards);
      this.shown = cards.length;
      this.more.hidden = this.shown >= search.results.length;
      this.status.textContent = this.summary(search, state);
      this.updateCounts(search);
    } catch {
      if (ticket !== this.ticket) return;
      this.status.textContent =
        "Không tải được dữ liệu tìm kiếm. Xin kiểm tra kết nối mạng rồi thử lại.";
    }
  }

  /**
   * @param {Search} search
   * @param {State} state
   * @returns {string}
   */
  summary(search, { query, filters }) {
    const count = search.results.length;
    const words = query.trim() ? ` cho “${query.trim()}”` : "";
    const scope = filters.size ? " theo bộ lọc đã chọn" : "";
    if (!count) {
      const fewer = filters.size ? "bớt từ hoặc bỏ bớt bộ lọc" : "bớt từ hoặc gõ từ khác";
      return `Không tìm thấy kết quả nào${words}${scope}. Hãy thử ${fewer}.`;
    }
    return `Tìm thấy ${number.format(count)} kết quả${words}${scope}.`;
  }

  /**
   * @param {Search} search
   * @param {number} from
   * @returns {Promise<HTMLLIElement[]>}
   */
  async cards(search, from) {
    const numbers = search.results.slice(from, from + PAGE_SIZE);
    const docs = await Promise.all(numbers.map((n) => this.index.document(n)));
    const isHit = hitTest(search.terms);
    return docs.map((doc) => this.card(doc, isHit, search.terms.length));
  }

  /**
   * @param {Fragment} doc
   * @param {HitTest} isHit
   * @param {number} termCount
   * @returns {HTMLLIElement}
   */
  card(doc, isHit, termCount) {
    const item = element("li", "gs-card gs-find__result");
    if (doc.i) {
      const photo = element("img", "gs-card__photo");
      Object.assign(photo, { src: new URL(doc.i, this.site), alt: "", loading: "lazy" });
      photo.decoding = "async";
      item.append(photo);
    }
    const body = element("div", "gs-card__body");
    const where = doc.p || doc.d;
    const kind = this.kindLabels.get(doc.k) ?? "";
    body.append(element("p", "gs-card__kicker", where ? `${kind} · ${where}` : kind));
    const heading = element("h2", "gs-card__title");
    const link = element("a");
    link.href = new URL(doc.u, this.site).href;
    appendPieces(link, highlight(doc.t, isHit));
    heading.append(link);
    const text = element("p", "gs-card__text");
    appendPieces(text, excerpt(doc.x, isHit, coversAll(doc.t, isHit, termCount)));
    body.append(heading, text);
    item.append(body);
    return item;
  }

  async showMore() {
    const search = this.search;
    if (!search) return;
    const cards = await this.cards(search, this.shown);
    if (search !== this.search || !cards.length) return;
    this.list.append(...cards);
    this.shown += cards.length;
    this.more.hidden = this.shown >= search.results.length;
    // keyboard users continue from the new results; card() gives every card a link
    /** @type {HTMLAnchorElement} */ (cards[0].querySelector("a")).focus();
  }

  /**
   * Counts for every open group; closed groups load nothing.
   * @param {Search | null} search
   */
  updateCounts(search) {
    for (const box of /** @type {NodeListOf<HTMLDivElement>} renderFacets' boxes */ (
      this.facets.querySelectorAll(".gs-facet")
    ))
      this.showCounts(box, search);
  }

  /**
   * @param {HTMLElement} box a facet group's box, as renderFacets builds it
   * @param {Search | null} [search] null: the state before any query or filter
   */
  async showCounts(box, search = this.search) {
    if (!this.isOpen(box)) return;
    // renderFacets names each box after one of these groups
    const group = /** @type {Group} */ (this.index.groups.find((g) => g.id === box.dataset.group));
    const ticket = this.ticket;
    const counts = await (search ?? this.index.idle()).counts(group);
    if (ticket !== this.ticket) return;
    // renderFacets gives each count <span> a data-value and puts it in the value's <li>
    for (const span of /** @type {NodeListOf<HTMLSpanElement>} */ (
      box.querySelectorAll(".gs-facet__count")
    )) {
      const count = counts.get(/** @type {string} */ (span.dataset.value)) ?? 0;
      span.textContent = number.format(count);
      /** @type {HTMLLIElement} */ (span.closest("li")).classList.toggle("gs-facet--none", count === 0);
    }
  }
}

async function main() {
  const app = document.querySelector("[data-gs-search]");
  if (!(app instanceof HTMLElement)) return;
  const status = app.querySelector("[data-gs-status]");
  let index;
  try {
    index = await SearchIndex.open(new URL(app.dataset.index ?? "", location.href));
  } catch {
    if (status) status.textContent = "Không tải được dữ liệu tìm kiếm. Xin tải lại trang sau ít phút.";
    return;
  }
  new SearchPage(app, index).start();
}

main();
