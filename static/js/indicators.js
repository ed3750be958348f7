/* The indicator page: autosave and break-down rows.
 *
 * The page works without this script (explicit Save; "Add a part" posts the form back
 * with one more row; a part is removed by clearing its row). With it: rows are added and
 * removed in place, and the form is posted to the autosave URL a few seconds after typing
 * stops. The answer (JSON) gives each saved row its new revision and digest, shows a
 * conflict's box (reports/activities/_indicator_conflict.html) or the errors beside the
 * fields; the status line (role="status") says "Saved 14:32" or "Not saved: ...".
 * A save sent twice (a lost answer, then the retry) is found already written by the
 * server and not written again.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave-url]");
  if (!form) return;
  var status = document.getElementById("save-status");
  var url = form.getAttribute("data-autosave-url");
  var DELAY = 2500;
  var RETRY = 15000;

  var edits = 0;
  var savedEdits = 0;
  var timer = null;
  var inFlight = false;
  var again = false;
  var submitting = false;

  function text(name, values) {
    var template = status.getAttribute("data-" + name) || "";
    return template.replace(/%\((\w+)\)s/g, function (_, key) {
      return values && key in values ? values[key] : "";
    });
  }

  function say(message, kind) {
    status.textContent = message;
    status.className = "ms-md-3 small align-self-center pf-status-" + (kind || "info");
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay === undefined ? DELAY : delay);
  }

  function changed() {
    edits += 1;
    schedule();
  }

  function setValue(name, value) {
    var el = form.elements.namedItem(name);
    if (el && "value" in el) el.value = value;
  }

  function clearMarks() {
    form.querySelectorAll(".pf-error-live").forEach(function (el) { el.remove(); });
    form.querySelectorAll("[aria-invalid='true']").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      el.classList.remove("is-invalid");
      var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id.indexOf("_live_error") === -1;
      });
      if (described.length) el.setAttribute("aria-describedby", described.join(" "));
      else el.removeAttribute("aria-describedby");
    });
  }

  function showError(error) {
    var el = document.getElementById(error.id);
    if (!el) return;
    var wrapper = document.getElementById("div_" + error.id) || el.parentNode;
    var note = document.createElement("div");
    note.className = "invalid-feedback d-block pf-error-live";
    note.id = error.id + "_live_error";
    note.textContent = error.message;
    wrapper.appendChild(note);
    el.classList.add("is-invalid");
    el.setAttribute("aria-invalid", "true");
    var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(note.id) === -1) described.push(note.id);
    el.setAttribute("aria-describedby", described.join(" "));
  }

  function showConflict(pk, conflict) {
    var card = form.querySelector('[data-testid="indicator-' + pk + '"]');
    if (!card) return;
    card.querySelectorAll(".pf-indicator-conflict").forEach(function (el) { el.remove(); });
    card.classList.add("border-warning");
    var holder = document.createElement("div");
    holder.innerHTML = conflict.html; // rendered by the server, escaped there
    var box = holder.firstElementChild;
    var where = card.querySelector(".col-lg-8") || card;
    where.insertBefore(box, where.querySelector(".row") || null);
  }

  function apply(data) {
    clearMarks();
    Object.keys(data.rows || {}).forEach(function (pk) {
      setValue("ind-" + pk + "-revision", data.rows[pk].revision);
      setValue("ind-" + pk + "-loaded", data.rows[pk].loaded);
    });
    Object.keys(data.conflicts || {}).forEach(function (pk) {
      showConflict(pk, data.conflicts[pk]);
    });
    (data.errors || []).forEach(showError);
  }

  function save() {
    clearTimeout(timer);
    if (submitting) return;
    if (inFlight) {
      again = true;
      return;
    }
    var sentEdits = edits;
    inFlight = true;
    say(text("saving"));
    var token = form.elements.namedItem("csrfmiddlewaretoken");
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {"X-CSRFToken": token ? token.value : "", "X-Requested-With": "fetch"},
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.redirected || type.indexOf("application/json") === -1) {
        var reason = response.redirected ? text("signed-out") : text("http", {status: response.status});
        return {ok: false, reason: reason, transport: true};
      }
      return response.json();
    }).then(function (data) {
      if (!data.transport) apply(data);
      if (data.ok) {
        savedEdits = sentEdits;
        say(text("saved", {time: data.saved_at || ""}), "ok");
      } else {
        say(text("not-saved", {reason: data.reason}), "error");
      }
    }).catch(function () {
      say(text("not-saved", {reason: text("offline")}), "error");
      schedule(RETRY);
    }).then(function () {
      inFlight = false;
      if (again || edits !== sentEdits) {
        again = false;
        schedule();
      }
    });
  }

  // -- break-down rows ----------------------------------------------------------------

  function renumber(fieldset) {
    var prefix = fieldset.getAttribute("data-parts-prefix");
    var total = form.elements.namedItem(prefix + "-TOTAL_FORMS");
    return {prefix: prefix, total: total};
  }

  function addRow(fieldset) {
    var info = renumber(fieldset);
    var index = parseInt(info.total.value, 10) || 0;
    var max = parseInt(form.elements.namedItem(info.prefix + "-MAX_NUM_FORMS").value, 10) || 50;
    if (index >= max) return;
    var template = fieldset.querySelector("template.pf-part-template");
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    fieldset.querySelector(".pf-part-rows").appendChild(row);
    info.total.value = String(index + 1);
    var first = row.querySelector("input");
    if (first) first.focus();
  }

  function removeRow(button) {
    var row = button.closest(".pf-part-row");
    var fieldset = button.closest("fieldset");
    // An empty row is no part: clearing it removes the part, with or without script.
    row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
    row.hidden = true;
    var next = fieldset.querySelector(".pf-part-row:not([hidden]) input") ||
      fieldset.querySelector(".pf-add-part");
    if (next) next.focus();
    changed();
  }

  form.querySelectorAll(".pf-remove-part").forEach(function (button) { button.hidden = false; });

  form.addEventListener("click", function (event) {
    var add = event.target.closest(".pf-add-part");
    if (add) {
      event.preventDefault();
      addRow(add.closest("fieldset"));
      return;
    }
    var remove = event.target.closest(".pf-remove-part");
    if (remove) removeRow(remove);
  });

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () {
    submitting = true;
    clearTimeout(timer);
  });
})();
