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

// Scripts are on: the stylesheet may turn the filters into a drawer (without, they stay a form).
document.documentElement.classList.add("js");
