// @ts-check
/**
 * The site's one script, on every page (theme/base.html). Everything it does is extra: the
 * pages work without it.
 * - The sections menu (partials/header.html) is a <details> element; this adds what readers
 *   expect of a menu: Escape closes it (focus returns to its button), a tap outside closes it.
 * - Profiles and stories (guongsang/_share.html) get their sharing links: Zalo, Facebook,
 *   "copy link" where the Clipboard API exists and the phone's own share sheet where the Web
 *   Share API exists. They are built here from the page's canonical address rather than
 *   written into each of a national site's 120,000 pages (about 700 bytes each).
 */

// Pages and stylesheets may tell a reader with scripts from one without.
document.documentElement.classList.add("gs-js");

const menu = /** @type {HTMLDetailsElement | null} */ (document.querySelector("details.gs-menu"));

if (menu) {
  const button = /** @type {HTMLElement | null} */ (menu.querySelector("summary"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      button?.focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (menu.open && event.target instanceof Node && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
}

/** The page's own address: its canonical link, or where the browser is. */
function address() {
  const canonical = /** @type {HTMLLinkElement | null} */ (document.querySelector("link[rel=canonical]"));
  return canonical?.href || location.href;
}

/**
 * @param {string} tag
 * @param {Record<string, string>} attributes
 * @param {string} text
 */
function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

/**
 * @param {HTMLUListElement} list
 * @param {HTMLElement} control
 */
function add(list, control) {
  control.classList.add("gs-share__link");
  const item = document.createElement("li");
  item.append(control);
  list.append(item);
}

/** @param {HTMLElement} box */
function setUpSharing(box) {
  const url = address();
  const title = document.querySelector("h1")?.textContent?.trim() || document.title;
  const list = /** @type {HTMLUListElement} */ (element("ul", { class: "gs-share__list" }, ""));
  const status = element("p", { class: "gs-share__status", role: "status" }, "");
  /** @param {string} text */
  const say = (text) => {
    status.textContent = text;
  };
  const away = { rel: "noopener nofollow" };
  add(list, element("a", { ...away, href: `https://sp.zalo.me/share?url=${encodeURIComponent(url)}` }, "Zalo"));
  const facebook = `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`;
  add(list, element("a", { ...away, href: facebook }, "Facebook"));
  if (navigator.clipboard) {
    const copy = element("button", { type: "button" }, "Sao chép liên kết");
    copy.addEventListener("click", () => {
      navigator.clipboard.writeText(url).then(
        () => say("Đã sao chép liên kết."),
        () => say("Không sao chép được; hãy chép địa chỉ trên thanh trình duyệt."),
      );
    });
    add(list, copy);
  }
  if (typeof navigator.share === "function") {
    const native = element("button", { type: "button" }, "Chia sẻ qua ứng dụng khác");
    native.addEventListener("click", () => {
      navigator.share({ title, url }).catch(() => undefined); // closing the sheet is no error
    });
    add(list, native);
  }
  box.append(element("h2", { class: "gs-share__title" }, "Chia sẻ"), list, status);
  box.hidden = false;
}

document.querySelectorAll("[data-gs-share]").forEach((box) => setUpSharing(/** @type {HTMLElement} */ (box)));
