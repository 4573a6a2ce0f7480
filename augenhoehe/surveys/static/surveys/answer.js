// Shows or hides a question whose condition is on the same page as the answers change.
// The server decides on every page load and deletes hidden answers on save; this only keeps the page live.
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-condition-field]").forEach(function (question) {
      var wanted = question.dataset.conditionOptions.split(" ");
      var inputs = form.querySelectorAll('[name="' + question.dataset.conditionField + '"]');
      var holds = Array.prototype.some.call(inputs, function (input) {
        return input.checked && wanted.indexOf(input.value) !== -1 && !input.closest("[hidden]");
      });
      question.hidden = !holds;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[hx-post]").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
