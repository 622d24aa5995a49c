// @ts-check
/**
 * Sharing on profiles and stories (partials/share.html): reveals "copy link" where the
 * Clipboard API exists and "share via another app" where the Web Share API exists. Plain
 * Zalo and Facebook links work without this file.
 */

/** The page's own address: its canonical link, or where the browser is. */
function address() {
  const canonical = /** @type {HTMLLinkElement | null} */ (document.querySelector("link[rel=canonical]"));
  return canonical?.href || location.href;
}

/** @param {string} text */
function say(text) {
  const status = document.querySelector("[data-gs-share-status]");
  if (status) status.textContent = text;
}

/** @param {HTMLButtonElement} button */
function setUpCopy(button) {
  const item = button.closest("li");
  if (!item || !navigator.clipboard) return;
  item.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(address()).then(
      () => say("Đã sao chép liên kết."),
      () => say("Không sao chép được; hãy chép địa chỉ trên thanh trình duyệt."),
    );
  });
}

/** @param {HTMLButtonElement} button */
function setUpNative(button) {
  const item = button.closest("li");
  if (!item || typeof navigator.share !== "function") return;
  item.hidden = false;
  button.addEventListener("click", () => {
    const title = document.querySelector("h1")?.textContent?.trim() || document.title;
    const data = { title, url: address() };
    navigator.share(data).catch(() => undefined); // closing the share sheet is not an error
  });
}

document.querySelectorAll("button[data-gs-copy]").forEach((b) => setUpCopy(/** @type {HTMLButtonElement} */ (b)));
document.querySelectorAll("button[data-gs-native]").forEach((b) => setUpNative(/** @type {HTMLButtonElement} */ (b)));
