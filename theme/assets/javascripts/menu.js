// @ts-check
/**
 * The sections menu (partials/header.html) is a <details> element and works without this
 * file; this adds what readers expect of a menu: Escape closes it (focus returns to its
 * button) and a tap outside it closes it.
 */

const menu = /** @type {HTMLDetailsElement | null} */ (document.querySelector("details.gs-menu"));

// Pages and stylesheets may tell a reader with scripts from one without.
document.documentElement.classList.add("gs-js");

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
