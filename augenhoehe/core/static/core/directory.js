// The directory search on a phone and with the keyboard: a filter drawer with a live count,
// a search box for long filter lists, and a searchable multi-choice for <select multiple>.
// Everything here enhances a form that works without it.
(() => {
  "use strict";
  const narrow = window.matchMedia("(max-width: 48rem)");
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  let chosen = null; // whether the person opened or closed the panel on a wide screen
  let focusResults = false;
  const facetQueries = {};

  const panel = () => document.getElementById("filter-panel");
  const drawerOpen = () => narrow.matches && panel() && panel().open;

  // --- the drawer -----------------------------------------------------------------------------
  function setDrawerState() {
    const details = panel();
    if (!details) return;
    const body = document.getElementById("filter-drawer");
    const modal = drawerOpen();
    document.body.classList.toggle("drawer-open", modal);
    if (modal) {
      body.setAttribute("role", "dialog");
      body.setAttribute("aria-modal", "true");
      body.setAttribute("aria-label", body.querySelector(".drawer__title").textContent.trim());
    } else {
      ["role", "aria-modal", "aria-label"].forEach((name) => body.removeAttribute(name));
    }
  }

  function closeDrawer() {
    const details = panel();
    details.open = false;
    setDrawerState();
    details.querySelector("summary").focus();
  }

  async function updateCount() {
    const form = document.getElementById("search-form");
    const button = document.getElementById("apply-filters");
    if (!form || !button) return;
    const data = new URLSearchParams(new FormData(form));
    data.delete("page");
    const response = await fetch(`${button.dataset.countUrl}?${data}`, { headers: { "HX-Request": "true" } });
    if (response.ok) button.textContent = (await response.text()).trim();
  }

  function setUpPanel() {
    const details = panel();
    if (!details) return;
    details.open = narrow.matches ? false : chosen === null ? true : chosen;
    setDrawerState();
    if (details.dataset.enhanced) return;
    details.dataset.enhanced = "true";
    details.addEventListener("toggle", () => {
      if (!narrow.matches) chosen = details.open;
      setDrawerState();
      if (drawerOpen()) {
        details.querySelector("[data-drawer-close]").focus();
        updateCount();
      }
    });
    details.querySelector("[data-drawer-close]").addEventListener("click", closeDrawer);
    details.addEventListener("keydown", (event) => {
      if (!drawerOpen()) return;
      if (event.key === "Escape") {
        event.preventDefault();
        closeDrawer();
      } else if (event.key === "Tab") {
        // A modal drawer keeps the keyboard inside until it is closed or applied.
        const focusable = [...document.getElementById("filter-drawer").querySelectorAll("button, a[href], input")]
          .filter((element) => element.offsetParent !== null);
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
        else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      }
    });
    // In the drawer a ticked filter only updates the count on the button; the results behind
    // it change when the button is pressed. On a wide screen the change goes on to htmx.
    details.addEventListener("change", (event) => {
      if (event.target.matches("[data-facet-query]")) {
        event.stopPropagation();
      } else if (drawerOpen()) {
        event.stopPropagation();
        updateCount();
      }
    });
    document.getElementById("apply-filters").addEventListener("click", () => {
      focusResults = drawerOpen();
    });
  }

  // --- a search box for a long list of filter values, chosen ones as removable chips --------
  function setUpFacetSearch(fieldset) {
    const legend = fieldset.querySelector("legend");
    const key = legend.id.replace(/^facet-|-legend$/g, "");
    const items = [...fieldset.querySelectorAll(".facet__values li")];
    const more = fieldset.querySelector(".facet__more");
    const box = document.createElement("div");
    box.className = "facet__search";
    const inputId = `facet-${key}-query`;
    box.innerHTML = `<label for="${inputId}" class="visually-hidden"></label>
      <input type="search" id="${inputId}" data-facet-query autocomplete="off">
      <ul class="chips chips--removable" aria-label=""></ul>`;
    const label = box.querySelector("label");
    const input = box.querySelector("input");
    const chips = box.querySelector("ul");
    label.textContent = fieldset.dataset.searchLabel;
    input.placeholder = fieldset.dataset.searchLabel;
    chips.setAttribute("aria-label", fieldset.dataset.chosenLabel);
    legend.after(box);

    const filter = () => {
      const query = fold(input.value.trim());
      facetQueries[key] = input.value;
      items.forEach((item) => { item.hidden = query !== "" && !fold(item.textContent).includes(query); });
      if (more && query) more.open = true;
    };
    input.value = facetQueries[key] || "";
    input.addEventListener("input", filter);
    input.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
    filter();

    items.forEach((item) => {
      const checkbox = item.querySelector("input");
      if (!checkbox.checked) return;
      const chip = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "chip chip--remove";
      const name = item.querySelector("bdi").textContent;
      button.innerHTML = `<bdi></bdi> <span aria-hidden="true">×</span>`;
      button.querySelector("bdi").textContent = name;
      button.setAttribute("aria-label", fieldset.dataset.removeLabel.replace("{name}", name));
      button.addEventListener("click", () => {
        checkbox.checked = false;
        chip.remove();
        checkbox.dispatchEvent(new Event("change", { bubbles: true }));
        input.focus();
      });
      chip.append(button);
      chips.append(chip);
    });
  }

  // --- results already shown (or on their way) are not loaded again --------------------------
  // Typing searches after a pause, Enter at once: the typing's search that follows would replace
  // the same list again, under a keyboard user who has meanwhile tabbed into it.
  const searchQuery = (form) => new URLSearchParams(new FormData(form)).toString();
  let requested = null;
  const isSearch = (event) => event.detail.elt && event.detail.elt.id === "search-form";
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (!isSearch(event)) return;
    const query = searchQuery(event.detail.elt);
    if (query === requested) {
      event.preventDefault();
      return;
    }
    requested = query;
    event.detail.xhr.searchQuery = query;
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    // A failed or aborted search may be asked again.
    if (isSearch(event) && !event.detail.successful && event.detail.xhr.searchQuery === requested) requested = null;
  });

  function setUp() {
    const form = document.getElementById("search-form");
    if (form) requested = searchQuery(form);
    setUpPanel();
    document.querySelectorAll("fieldset[data-facet-search]").forEach(setUpFacetSearch);
    document.querySelectorAll("select[multiple][data-multichoice]").forEach((select) => {
      if (window.Augenhoehe && window.Augenhoehe.multiChoice) window.Augenhoehe.multiChoice(select);
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
  document.addEventListener("htmx:afterSettle", (event) => {
    if (!event.detail.target || event.detail.target.id !== "search-area") return;
    setUpPanel();
    document.querySelectorAll("#search-area fieldset[data-facet-search]").forEach(setUpFacetSearch);
    if (focusResults) {
      focusResults = false;
      const list = document.getElementById("result-list") || document.getElementById("results-heading");
      if (list) list.focus();
    }
  });
  narrow.addEventListener("change", setUpPanel);
})();
