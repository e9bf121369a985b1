// Small progressive enhancements; every page works without them.

// When htmx swaps in an element with the id of the old one (a refused form), it copies the old one's
// class and style onto it with setAttribute. A style that autofill or a password manager set (through
// the CSSOM, which the CSP allows) then becomes an inline style attribute the CSP blocks: settle no style.
if (window.htmx) window.htmx.config.attributesToSettle = ["class", "width", "height"];

document.addEventListener("click", (event) => {
  const dismiss = event.target.closest(".js-dismiss");
  if (dismiss) dismiss.closest(".flash")?.remove();
});
document.addEventListener("change", (event) => {
  if (event.target.matches(".js-autosubmit")) event.target.form.requestSubmit();
});

// Chat window: send with Ctrl/Cmd+Enter, clear the composer after a send, and follow the
// streaming reply unless the reader has scrolled up to read older messages.
const scroller = () => document.getElementById("messages-scroll");
let followStream = true;

function scrollToEnd() {
  const box = scroller();
  if (box && followStream) box.scrollTop = box.scrollHeight;
}

document.addEventListener("DOMContentLoaded", () => {
  const box = scroller();
  if (!box) return;
  box.scrollTop = box.scrollHeight;
  box.addEventListener("scroll", () => {
    followStream = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  });
});

document.addEventListener("keydown", (event) => {
  if (event.target.id === "composer-input" && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.target.form.requestSubmit();
  }
});

document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (form.id === "composer" && event.detail.successful) {
    form.reset();
    document.getElementById("composer-error").textContent = "";
    followStream = true;
    scrollToEnd();
  }
});

// htmx fires afterSwap on each element a swap touched; an SSE swap's detail has no target, so
// look at the element itself: a token, a finished reply or a new turn inside the message box.
document.addEventListener("htmx:afterSwap", (event) => {
  if (scroller()?.contains(event.target)) scrollToEnd();
});
