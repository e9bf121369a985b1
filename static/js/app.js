// Small progressive enhancements; every page works without them.
document.addEventListener("click", (event) => {
  const dismiss = event.target.closest(".js-dismiss");
  if (dismiss) dismiss.closest(".flash")?.remove();
});
document.addEventListener("change", (event) => {
  if (event.target.matches(".js-autosubmit")) event.target.form.requestSubmit();
});
