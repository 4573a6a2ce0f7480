// After paging with htmx, move focus to the results heading, so that keyboard
// and screen-reader users continue at the new results instead of the page top.
document.addEventListener("htmx:afterSettle", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (trigger && trigger.closest && trigger.closest(".pagination")) {
    const heading = document.getElementById("results-heading");
    if (heading) heading.focus();
  }
});

// A form that comes back with errors: move focus to the summary, whose links lead to each field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});

// On a narrow screen the filters start folded, so the results come first; the
// panel keeps whatever state the person chose while htmx replaces it.
(() => {
  const narrow = window.matchMedia("(max-width: 48rem)");
  let chosen = null;
  const apply = () => {
    const panel = document.getElementById("filter-panel");
    if (!panel) return;
    panel.open = chosen === null ? !narrow.matches : chosen;
    panel.addEventListener("toggle", () => { chosen = panel.open; });
  };
  document.addEventListener("DOMContentLoaded", apply);
  document.addEventListener("htmx:afterSettle", apply);
})();
