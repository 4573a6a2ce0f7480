// The question form shows only the groups of fields that apply to the chosen kind of question
// (data-kinds on each group lists them). Without JavaScript every group stays visible and
// says which kinds it is for; the server ignores what does not apply. The condition's answers
// narrow to those of the question chosen as condition (each group is labelled like that question).
(() => {
  "use strict";
  function follow(select) {
    const form = select.form;
    const groups = form.querySelectorAll("[data-kinds]");
    const apply = () => {
      groups.forEach((group) => {
        const shown = group.dataset.kinds.split(" ").includes(select.value);
        group.hidden = !shown;
        group.style.display = shown ? "" : "none";
      });
    };
    select.addEventListener("change", apply);
    apply();
  }
  function narrow(condition) {
    const answers = condition.form.querySelector("select[data-condition-options]");
    if (!answers) return;
    const apply = () => {
      const chosen = condition.selectedOptions[0];
      answers.querySelectorAll("optgroup").forEach((group) => {
        const shown = Boolean(condition.value) && group.label === chosen.textContent;
        group.hidden = !shown;
        group.style.display = shown ? "" : "none";
        if (!shown) group.querySelectorAll("option").forEach((option) => { option.selected = false; });
      });
    };
    condition.addEventListener("change", apply);
    apply();
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("select[data-question-kind]").forEach(follow);
    document.querySelectorAll("select[data-condition-question]").forEach(narrow);
  });
})();
