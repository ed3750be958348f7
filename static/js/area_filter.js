// The activity form's province list, made searchable: a filter box that matches "Ha Noi",
// "Hanoi" and "Hà Nội" alike (folded as roadmap.areas.fold: case, accents, đ, spaces and
// punctuation dropped; other spellings matched too), the number of matches announced, and
// what is chosen listed. Without script the list is a plain fieldset of checkboxes.
(function () {
  "use strict";

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/đ/g, "d")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]/gu, "");
  }

  function setUp(picker) {
    var box = picker.querySelector("[data-area-filter]");
    var input = picker.querySelector("[data-area-filter-input]");
    var status = picker.querySelector("[data-area-matches]");
    var chosen = picker.querySelector("[data-area-chosen]");
    var options = Array.prototype.slice.call(picker.querySelectorAll("[data-area-option]"));
    if (!box || !input || !options.length) {
      return;
    }
    box.hidden = false;
    chosen.hidden = false;

    function filter() {
      var key = fold(input.value);
      var count = 0;
      options.forEach(function (option) {
        var shown = !key || option.getAttribute("data-match").indexOf(key) !== -1;
        option.hidden = !shown;
        if (shown) {
          count += 1;
        }
      });
      if (!key) {
        status.textContent = "";
      } else if (count === 0) {
        status.textContent = status.getAttribute("data-none");
      } else if (count === 1) {
        status.textContent = status.getAttribute("data-one");
      } else {
        status.textContent = status.getAttribute("data-many").replace("%(count)s", count);
      }
    }

    function showChosen() {
      var names = options
        .filter(function (option) {
          return option.querySelector("input").checked;
        })
        .map(function (option) {
          return option.querySelector("label").textContent.trim();
        });
      chosen.textContent = names.length
        ? chosen.getAttribute("data-label") + " " + names.join(", ")
        : chosen.getAttribute("data-empty");
    }

    input.addEventListener("input", filter);
    // Enter in the filter box picks the only match rather than sending the form.
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") {
        return;
      }
      event.preventDefault();
      var visible = options.filter(function (option) {
        return !option.hidden;
      });
      if (visible.length) {
        visible[0].querySelector("input").focus();
      }
    });
    picker.addEventListener("change", showChosen);
    showChosen();
  }

  document.querySelectorAll("[data-area-picker]").forEach(setUp);
})();
