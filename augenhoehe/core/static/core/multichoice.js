// A searchable multi-choice for a <select multiple data-multichoice>: type to narrow the list,
// arrows to move, Enter or a click to add or remove a value (the others stay chosen), chosen
// values as chips with a remove button. The select stays in the form and carries the values.
// Pattern: WAI-ARIA combobox with a multi-selectable listbox.
(() => {
  "use strict";
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const strings = (select) => ({
    remove: select.dataset.removeLabel || "{name} entfernen",
    chosen: select.dataset.chosenLabel || "Ausgewählt",
  });

  function multiChoice(select) {
    if (select.dataset.enhanced) return;
    select.dataset.enhanced = "true";
    const text = strings(select);
    const id = select.id;
    const label = document.querySelector(`label[for="${id}"]`);
    const box = document.createElement("div");
    box.className = "multichoice";
    box.innerHTML = `<ul class="chips chips--removable multichoice__chips"></ul>
      <input type="text" class="multichoice__input" role="combobox" autocomplete="off"
             aria-autocomplete="list" aria-expanded="false">
      <ul class="multichoice__list" role="listbox" aria-multiselectable="true" hidden></ul>`;
    const chips = box.querySelector(".multichoice__chips");
    const input = box.querySelector("input");
    const list = box.querySelector("[role=listbox]");
    input.id = `${id}_search`;
    list.id = `${id}_listbox`;
    input.setAttribute("aria-controls", list.id);
    chips.setAttribute("aria-label", text.chosen);
    if (label) {
      label.id = label.id || `${id}_label`;
      label.htmlFor = input.id;
      list.setAttribute("aria-labelledby", label.id);
    }
    ["aria-describedby", "aria-invalid"].forEach((name) => {
      if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
    });
    select.hidden = true;
    select.after(box);

    const options = [...select.options].map((option, index) => {
      const item = document.createElement("li");
      item.id = `${id}_option_${index}`;
      item.setAttribute("role", "option");
      item.textContent = option.text;
      item.dataset.search = fold(`${option.text} ${option.value}`);
      item.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
      item.addEventListener("click", () => { toggle(index); input.focus(); });
      list.append(item);
      return { option, item };
    });
    let active = -1;

    const visible = () => options.filter(({ item }) => !item.hidden);
    function render() {
      chips.replaceChildren();
      options.forEach(({ option, item }, index) => {
        item.setAttribute("aria-selected", option.selected ? "true" : "false");
        if (!option.selected) return;
        const chip = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "chip chip--remove";
        button.innerHTML = `<bdi></bdi> <span aria-hidden="true">×</span>`;
        button.querySelector("bdi").textContent = option.text;
        button.setAttribute("aria-label", text.remove.replace("{name}", option.text));
        button.addEventListener("click", () => { toggle(index); input.focus(); });
        chip.append(button);
        chips.append(chip);
      });
    }
    function toggle(index) {
      options[index].option.selected = !options[index].option.selected;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      render();
    }
    function open(show) {
      list.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) setActive(-1);
    }
    function setActive(index) {
      options.forEach(({ item }) => item.classList.remove("multichoice__option--active"));
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      const { item } = options[index];
      item.classList.add("multichoice__option--active");
      input.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    }
    function filter() {
      const query = fold(input.value.trim());
      options.forEach(({ item }) => { item.hidden = query !== "" && !item.dataset.search.includes(query); });
      const shown = visible();
      open(true);
      setActive(shown.length ? options.indexOf(shown[0]) : -1);
    }
    function move(step) {
      const shown = visible();
      if (!shown.length) return;
      open(true);
      const position = shown.findIndex((entry) => options.indexOf(entry) === active);
      const next = position < 0 ? 0 : Math.min(Math.max(position + step, 0), shown.length - 1);
      setActive(options.indexOf(shown[next]));
    }

    input.addEventListener("input", filter);
    input.addEventListener("blur", () => open(false));
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter") {
        event.preventDefault(); // never submit the whole form from here
        if (active >= 0 && !list.hidden) {
          const chosen = active;
          toggle(chosen);
          // Ready for the next value: the box empties, the one just chosen stays highlighted.
          input.value = "";
          filter();
          setActive(chosen);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); open(false); }
      } else if (event.key === "Backspace" && input.value === "") {
        const last = options.map(({ option }) => option.selected).lastIndexOf(true);
        if (last >= 0) toggle(last);
      }
    });
    render();
  }

  window.Augenhoehe = Object.assign(window.Augenhoehe || {}, { multiChoice });
})();
