// The plan editor's small behaviours. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  // Show the server's answer for refused saves too: 409 (someone else saved first, or the plan
  // is locked) and 422 (correct the form) carry forms and messages meant for the user.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409", swap: true, error: false },
    { code: "422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];

  // After a swap, move keyboard focus to where the user's work continues: a message that needs
  // attention, the first field of a form just opened, or the item just saved or moved.
  function take(selector, attribute) {
    var el = document.querySelector(selector);
    if (el) el.removeAttribute(attribute);
    return el;
  }

  document.addEventListener("htmx:afterSettle", function () {
    var el = take("[data-autofocus]", "data-autofocus");
    if (!el) {
      var form = take("[data-focus-first]", "data-focus-first");
      if (form) el = form.querySelector("[data-primary]") || form.querySelector("input:not([type=hidden]), textarea, select");
    }
    if (!el) {
      var marked = take("[data-focus]", "data-focus");
      if (marked) {
        var id = marked.getAttribute("data-focus") || "";
        el = document.getElementById(id) || document.getElementById(id.replace(/-(up|down)$/, ""));
      }
    }
    if (el) el.focus();
  });

  // Key figure form: show only the target fields that apply to the chosen kind of target, and
  // the "as of" date only for "latest 12 months". Without JavaScript every field stays visible
  // and the server ignores the ones that do not apply.
  function showIf(form, id, visible) {
    var input = form.querySelector("#" + id);
    var field = input && input.closest(".field");
    if (field) field.hidden = !visible;
  }

  function updateKeyFigureForm(form) {
    var kind = form.querySelector("input[name=target_kind]:checked");
    if (!kind) return;
    showIf(form, "id_target_operator", kind.value === "comparison");
    showIf(form, "id_target_threshold", kind.value === "comparison");
    showIf(form, "id_target_direction", kind.value === "direction");
    var frequency = form.querySelector("#id_frequency");
    var rolling = frequency && frequency.value === "rolling_12_months";
    showIf(form, "id_as_of_day", rolling);
    showIf(form, "id_as_of_month", rolling);
  }

  function updateAll() {
    document.querySelectorAll("form.editor-form").forEach(updateKeyFigureForm);
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest("form.editor-form");
    if (form && (event.target.name === "target_kind" || event.target.name === "frequency")) {
      updateKeyFigureForm(form);
    }
  });
  document.addEventListener("htmx:afterSettle", updateAll);
  document.addEventListener("DOMContentLoaded", updateAll);

  // "Avbryt" on a new item's form: remove the form and return to the button that opened it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-remove]");
    if (!link) return;
    var box = document.querySelector(link.getAttribute("data-remove"));
    if (!box) return;
    event.preventDefault();
    var slot = box.parentElement;
    box.remove();
    var next = slot && slot.nextElementSibling;
    var opener = next && next.querySelector("a.add");
    if (opener) opener.focus();
  });
})();
