// Names for the Django admin's controls that come without one (WCAG 2.2 AA, 1.3.1 / 4.1.2),
// found by the axe-core audit (tests/browser/test_accessibility.py): the fields of tabular
// inlines sit under a column heading with no <label>, the date and time halves of a split
// date-time field have none, Select2 (autocomplete) draws a combobox without a name, and the
// filter widget puts aria-label on a span with no role. Loaded by admin/base_site.html;
// names only, nothing else changes.
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "";
  }

  function named(el) {
    return (el.labels && el.labels.length) || el.getAttribute("aria-label") ||
      el.getAttribute("aria-labelledby") || el.title;
  }

  function fieldName(el) {
    // A tabular inline: the column heading, and the row's number.
    const cell = el.closest("td");
    const table = el.closest("table");
    const row = el.closest("tr.form-row");
    if (cell && table && row) {
      const heading = table.querySelectorAll("thead th")[cell.cellIndex];
      const rows = Array.from(table.querySelectorAll("tbody tr.form-row"));
      const name = text(heading) || (cell.classList.contains("delete") ? "Delete" : "");
      if (name) return name + " (" + (rows.indexOf(row) + 1) + ")";
    }
    // A field of a form row (a split date-time: "Last login" and "Date"/"Time").
    const box = el.closest(".fieldBox, .form-row");
    const label = text(box && box.querySelector("label"));
    let before = el.previousSibling;
    while (before && before.nodeType === Node.TEXT_NODE && !before.textContent.trim()) {
      before = before.previousSibling;
    }
    const part = before && before.nodeType === Node.TEXT_NODE ? text(before) : "";
    return [label, part].filter(Boolean).join(": ");
  }

  function fix(root) {
    root.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (el.type === "hidden" || named(el)) return;
      const name = fieldName(el);
      if (name) el.setAttribute("aria-label", name);
    });
    root.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      const container = box.closest(".select2");
      const select = container && container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") return;
      const name = (select.labels && select.labels[0] && text(select.labels[0])) ||
        select.getAttribute("aria-label") || fieldName(select);
      // Select2 names the box by its shown choice, empty when none is chosen.
      if (!box.getAttribute("aria-label")) box.setAttribute("aria-label", name);
      box.removeAttribute("aria-labelledby");
      const shown = box.querySelector(".select2-selection__rendered[role=textbox]");
      if (shown) shown.setAttribute("aria-label", name);
    });
    root.querySelectorAll("span[aria-label]:not([role])").forEach(function (span) {
      span.setAttribute("role", "img");
    });
  }

  // After Select2 and the filter widgets have drawn themselves (they start on "load" or on
  // jQuery's ready), and again for each inline row added by "Add another".
  window.addEventListener("load", function () { setTimeout(function () { fix(document); }, 0); });
  document.addEventListener("formset:added", function (event) { fix(event.target); });
})();
