/* Questionnaire entry: autosave, conflicts, conditional questions, next-step rows.
 *
 * The page works without this script (explicit Save, every question shown, a blank
 * next-step row). With it: the section is posted to the autosave URL a few seconds after
 * typing stops; the answer (JSON) updates each item's revision, shows conflicts and
 * errors beside the fields, and the status line says "Saved 14:32" or "Not saved: ...".
 * A conflict's box (the server renders it: reports/entry/_conflict.html for an answer,
 * _row_conflict.html for a next-step row) stays put while the person chooses; its "Save
 * my choice" sends the choice through the autosave.
 * "Copy into my answer" appends last cycle's answer to a field, once.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave-url]");
  if (!form) return;
  var status = document.getElementById("save-status");
  var url = form.getAttribute("data-autosave-url");
  var DELAY = 3000;
  var RETRY = 15000;

  var edits = 0; // grows with every change the person makes
  var savedEdits = 0; // the value of `edits` that the server has confirmed
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
    status.className = "ms-md-3 small pf-status-" + (kind || "info");
  }

  function dirty() {
    return edits !== savedEdits;
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay === undefined ? DELAY : delay);
  }

  function changed() {
    edits += 1;
    schedule();
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  function setValue(name, value) {
    var el = field(name);
    if (el && "value" in el) el.value = value;
  }

  // An item's one hidden input: the revision and digest it was loaded with
  // ("3:9f86d081884c7d65", as reports.forms.fields.BaseField reads it).
  function setBase(key, rev, orig) {
    setValue(key + "-base", rev + ":" + orig);
  }

  function itemBox(key) {
    return document.getElementById("item-" + key) ||
      form.querySelector('[data-prefix="' + key + '"]');
  }

  function clearMarks(cls) {
    form.querySelectorAll("." + cls).forEach(function (el) { el.remove(); });
  }

  function showConflict(key, conflict) {
    var box = itemBox(key);
    if (!box) return;
    var alert = document.createElement("div");
    alert.className = "alert alert-warning pf-conflict pf-conflict-live mt-2 mb-0";
    alert.setAttribute("role", "alert");
    var head = document.createElement("p");
    head.className = "fw-semibold mb-2";
    head.textContent = conflict.message;
    alert.appendChild(head);
    var main = field(key) || field(key + "-title");
    var yours = main && "value" in main && main.tagName === "TEXTAREA" ? main.value : "";
    [["yours", yours], ["theirs", conflict.theirs]].forEach(function (pair) {
      if (!pair[1]) return;
      var label = document.createElement("div");
      label.className = "small fw-semibold";
      label.textContent = text(pair[0]);
      var body = document.createElement("div");
      body.className = "pf-conflict-text answer-text border rounded bg-body p-2 mb-2";
      body.textContent = pair[1]; // text, never HTML
      alert.appendChild(label);
      alert.appendChild(body);
    });
    (box.querySelector(".card-body") || box).appendChild(alert);
  }

  function showError(error) {
    var el = document.getElementById(error.id);
    if (!el) return;
    var wrapper = document.getElementById("div_" + error.id) || el.closest(".mb-3") || el.parentNode;
    var note = document.createElement("div");
    note.className = "invalid-feedback d-block pf-error-live";
    note.id = error.id + "_live_error";
    note.textContent = error.message;
    wrapper.appendChild(note);
    if (el.classList.contains("form-control")) el.classList.add("is-invalid");
    // Screen readers announce the message with the field (WCAG 3.3.1).
    el.setAttribute("aria-invalid", "true");
    var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(note.id) === -1) described.push(note.id);
    el.setAttribute("aria-describedby", described.join(" "));
  }

  function clearErrorMarks() {
    form.querySelectorAll(".pf-error-live").forEach(function (note) {
      var el = note.id && document.getElementById(note.id.replace(/_live_error$/, ""));
      if (el) {
        var rest = (el.getAttribute("aria-describedby") || "").split(" ")
          .filter(function (id) { return id && id !== note.id; });
        if (rest.length) el.setAttribute("aria-describedby", rest.join(" "));
        else el.removeAttribute("aria-describedby");
        el.removeAttribute("aria-invalid");
      }
    });
    clearMarks("pf-error-live");
  }

  function refreshItem(key, stored) {
    var el = field(key);
    if (!el) return;
    if (el.tagName === "TEXTAREA" || el.tagName === "INPUT") {
      el.value = stored.text || "";
      return;
    }
    // Radio or checkbox group (a RadioNodeList).
    var values = Array.isArray(stored.value) ? stored.value : [stored.value];
    form.querySelectorAll('[name="' + key + '"]').forEach(function (input) {
      input.checked = values.indexOf(input.value) !== -1;
    });
    if (field(key + "-other")) setValue(key + "-other", stored.text || "");
  }

  function refreshRow(prefix, stored) {
    setValue(prefix + "-title", stored.title);
    setValue(prefix + "-targets", stored.targets);
    setValue(prefix + "-evidence", stored.evidence);
    form.querySelectorAll('[name="' + prefix + '-work_areas"]').forEach(function (input) {
      input.checked = stored.work_areas.indexOf(input.value) !== -1;
    });
  }

  function apply(data, sentEdits) {
    var untouched = edits === sentEdits; // nothing typed while the request was out
    var settled = [];
    clearMarks("pf-conflict-live");
    clearErrorMarks();
    form.querySelectorAll(".is-invalid").forEach(function (el) {
      if (!el.closest(".pf-conflict")) el.classList.remove("is-invalid");
    });
    Object.keys(data.items || {}).forEach(function (key) {
      var state = data.items[key];
      var box = conflictBox(key);
      var choice = box && box.hasAttribute("data-applying") ? chosen(box) : null;
      // A colleague's newer text that cannot be shown now (the person typed meanwhile):
      // keep the old revision and digest, so the next save goes through the conflict
      // rule again instead of passing as up to date and overwriting that text. A settled
      // conflict's stored text is shown whatever was typed elsewhere.
      if (state.refresh && !untouched && !choice) return;
      if (box && choice) {
        if (choice.value === "combined") setValue(key, combinedText(box, key));
        settled.push({key: key, label: choice.label});
      }
      setBase(key, state.rev, state.orig);
      if (state.refresh) refreshItem(key, state.refresh);
      if (box) box.remove();  // settled, or the texts agree now
    });
    Object.keys(data.rows || {}).forEach(function (prefix) {
      var state = data.rows[prefix];
      var box = conflictBox(prefix);
      var choice = box && box.hasAttribute("data-applying") ? chosen(box) : null;
      if (state.refresh && !untouched && !choice) return;  // as for items, above
      if (box && choice) {
        if (choice.value === "combined") copyCombinedRow(box, prefix);
        settled.push({key: prefix + "-title", label: choice.label});
      }
      setValue(prefix + "-id", state.deleted ? "" : state.id);
      setValue(prefix + "-rev", state.deleted ? 0 : state.rev);
      setValue(prefix + "-orig", state.deleted ? "" : state.orig);
      if (state.refresh) refreshRow(prefix, state.refresh);
      if (box) {  // settled, or the rows agree now
        box.remove();
        showRow(prefix, !state.deleted);
      }
    });
    Object.keys(data.conflicts || {}).forEach(function (key) {
      var conflict = data.conflicts[key];
      if (conflict.html) {
        // The answer or row keeps the revision it was loaded with, so no save passes
        // over the colleague's version until the person chooses in the box.
        showConflictBox(key, conflict);
        return;
      }
      showConflict(key, conflict);  // a row someone removed: saved as a new one
    });
    (data.errors || []).forEach(showError);
    if (data.progress) showProgress(data.progress);
    if (settled.length) {
      var last = settled[settled.length - 1];
      var main = field(last.key);
      if (main && main.focus) main.focus();
    }
    return settled;
  }

  // -- a conflict's box -----------------------------------------------------------------

  function conflictBox(key) {
    return form.querySelector('.pf-conflict[data-conflict-for="' + key + '"]');
  }

  function chosen(box) {
    var input = box.querySelector('input[type="radio"]:checked');
    if (!input) return null;
    var label = box.querySelector('label[for="' + input.id + '"]');
    return {value: input.value, label: label ? label.textContent.trim() : input.value};
  }

  function combinedText(box, key) {
    var combined = box.querySelector('[name="' + key + '-combined"]');
    return combined ? combined.value : "";
  }

  // A next-step row settled by a combined row: its own fields take the combined ones.
  function copyCombinedRow(box, prefix) {
    ["title", "targets", "evidence"].forEach(function (name) {
      var combined = box.querySelector('[name="' + prefix + "-combined_" + name + '"]');
      if (combined) setValue(prefix + "-" + name, combined.value);
    });
    var areas = [];
    box.querySelectorAll('[name="' + prefix + '-combined_work_areas"]').forEach(function (input) {
      if (input.checked) areas.push(input.value);
    });
    form.querySelectorAll('[name="' + prefix + '-work_areas"]').forEach(function (input) {
      input.checked = areas.indexOf(input.value) !== -1;
    });
  }

  // A row the person removed while a colleague changed it shows again with its box;
  // once settled, it stays (their version taken) or goes (the removal kept).
  function showRow(prefix, shown) {
    var row = form.querySelector('.pf-row[data-prefix="' + prefix + '"]');
    if (!row || row.hidden === !shown) return;
    row.hidden = !shown;
    var removal = row.querySelector('input[name$="-DELETE"]');
    if (removal && shown) removal.checked = false;
    var container = row.closest("[data-formset]");
    if (container) numberRows(container);
  }

  // The combined text or row as the person edited it, carried into a newer box.
  function keepCombined(old, box) {
    if (!old.hasAttribute("data-edited")) return;
    box.setAttribute("data-edited", "");
    old.querySelectorAll(".pf-combined [name]").forEach(function (el) {
      var selector = '[name="' + el.name + '"]';
      if (el.type === "checkbox") selector += '[value="' + el.value + '"]';
      var twin = box.querySelector(selector);
      if (!twin) return;
      if (el.type === "checkbox") twin.checked = el.checked;
      else twin.value = el.value;
    });
  }

  // The box the server rendered for this conflict. The same conflict again (an autosave
  // of other fields meanwhile) keeps the box as it is, choice and combined text included;
  // a newer colleague's version replaces it, keeping any combined text being edited.
  function showConflictBox(key, conflict) {
    var old = conflictBox(key);
    if (old && old.getAttribute("data-rev") === String(conflict.rev) &&
        old.getAttribute("data-orig") === conflict.orig) {
      if (old.hasAttribute("data-applying")) old.removeAttribute("data-applying");
      return;
    }
    var host = itemBox(key);
    if (!host) return;
    var holder = document.createElement("div");
    holder.innerHTML = conflict.html; // the server's template: every text escaped
    var box = holder.firstElementChild;
    if (!box) return;
    if (old) keepCombined(old, box);
    var wasApplying = old && old.hasAttribute("data-applying");
    if (old) old.replaceWith(box);
    else (host.querySelector(".card-body") || host).appendChild(box);
    if (host.classList.contains("pf-row")) showRow(key, true);
    if (wasApplying) {  // a third person saved meanwhile: say so where the person is
      var message = box.querySelector("[role=alert]");
      if (message) {
        message.setAttribute("tabindex", "-1");
        message.focus();
      }
    }
  }

  function boxNote(box, message) {
    var note = box.querySelector(".pf-resolve-note");
    if (!note) {
      note = document.createElement("div");
      note.className = "invalid-feedback d-block pf-resolve-note";
      note.id = box.getAttribute("data-conflict-for") + "-resolve-note";
      var fieldset = box.querySelector("fieldset");
      (fieldset || box).appendChild(note);
      if (fieldset) fieldset.setAttribute("aria-describedby", note.id);
    }
    note.textContent = message;
  }

  // "Save my choice": without a script, it posts the whole form (the section page then
  // saves the choice); with it, the choice goes through the autosave at once.
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".pf-resolve");
    if (!button) return;
    event.preventDefault();
    var box = button.closest(".pf-conflict");
    if (!box) return;
    if (!chosen(box)) {
      boxNote(box, text("choose"));
      var first = box.querySelector('input[type="radio"]');
      if (first) first.focus();
      return;
    }
    var note = box.querySelector(".pf-resolve-note");
    if (note) note.textContent = "";
    box.setAttribute("data-applying", "");
    save();
  });

  // The side navigation's counts and the progress bar, as they are after this save.
  function showProgress(progress) {
    var required = document.querySelector("[data-progress-required]");
    if (required && required.textContent !== progress.required) {
      required.textContent = progress.required;
    }
    var bar = document.querySelector("[data-progress]");
    if (bar) {
      bar.setAttribute("aria-valuenow", progress.percent);
      var fill = bar.querySelector(".progress-bar");
      if (fill) {
        fill.style.width = progress.percent + "%";
        fill.textContent = progress.percent + "%";
      }
    }
    Object.keys(progress.sections || {}).forEach(function (order) {
      var badge = document.querySelector('[data-section-count="' + order + '"]');
      // Its first text is "answered/total"; the rest (hidden "answered", "required") stays.
      if (badge && badge.firstChild && badge.firstChild.nodeType === Node.TEXT_NODE) {
        badge.firstChild.nodeValue = progress.sections[order];
      }
    });
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
    var token = field("csrfmiddlewaretoken");
    var body = new FormData(form);
    // A conflict's choice goes only when the person saves it ("Save my choice").
    form.querySelectorAll(".pf-conflict[data-conflict-for]").forEach(function (box) {
      if (box.hasAttribute("data-applying")) return;
      box.querySelectorAll("[name]").forEach(function (el) { body.delete(el.name); });
    });
    fetch(url, {
      method: "POST",
      body: body,
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
      var settled = data.transport ? [] : apply(data, sentEdits);
      var notes = settled.map(function (s) { return text("settled", {choice: s.label}); });
      if (data.ok) {
        savedEdits = sentEdits;
        say([text("saved", {time: data.saved_at})].concat(notes).join(" "), "ok");
      } else if (notes.length) {
        say(notes.concat([text("not-saved", {reason: data.reason})]).join(" "), "error");
      } else {
        // Conflicts and errors stay "unsaved" until the person fixes them and saves.
        say(text("not-saved", {reason: data.reason}), "error");
      }
    }).catch(function () {
      say(text("not-saved", {reason: text("offline")}), "error");
      schedule(RETRY);
    }).then(function () {
      inFlight = false;
      if (again || (dirty() && edits !== sentEdits)) {
        again = false;
        schedule();
      }
    });
  }

  // -- conditional questions and "other" texts ------------------------------------------

  function checkedValues(name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if (input.checked) values.push(input.value);
    });
    return values;
  }

  function updateVisibility() {
    form.querySelectorAll("[data-shown-if]").forEach(function (box) {
      var controller = box.getAttribute("data-shown-if");
      if (!form.querySelector('[name="' + controller + '"]')) return; // on another page
      var shown = checkedValues(controller).indexOf(box.getAttribute("data-shown-if-value")) !== -1;
      box.hidden = !shown;
    });
    form.querySelectorAll("[data-other-for]").forEach(function (box) {
      var values = checkedValues(box.getAttribute("data-other-for"));
      var input = box.querySelector("input");
      var shown = values.indexOf(box.getAttribute("data-other-value")) !== -1;
      // Keep it shown while it holds text: nothing typed disappears from view.
      box.hidden = !shown && !(input && input.value);
    });
  }

  // -- next-step rows -------------------------------------------------------------------

  // A new row's client key: the server finds the row by it when a save is sent twice
  // (a lost answer, then the retry), so the row is not added twice.
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // randomUUID needs a secure context; getRandomValues does not (RFC 4122 version 4).
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function numberRows(container) {
    var n = 0;
    container.querySelectorAll(".pf-row").forEach(function (row) {
      if (row.hidden) return;
      n += 1;
      var label = row.querySelector(".pf-row-number");
      if (label) label.textContent = n;
    });
  }

  function wireRow(row, container) {
    var remove = row.querySelector(".pf-remove-row");
    var box = row.querySelector(".pf-delete");
    if (box) box.hidden = true;
    if (!remove) return;
    remove.hidden = false;
    remove.addEventListener("click", function () {
      var checkbox = row.querySelector('input[name$="-DELETE"]');
      if (checkbox) checkbox.checked = true;
      row.hidden = true;
      numberRows(container);
      changed();
      var add = container.querySelector(".pf-add-row");
      if (add) add.focus();
    });
  }

  form.querySelectorAll("[data-formset]").forEach(function (container) {
    var prefix = container.getAttribute("data-formset");
    var total = field(prefix + "-TOTAL_FORMS");
    var template = container.querySelector("template.pf-empty-row");
    var rows = container.querySelector(".pf-rows");
    var add = container.querySelector(".pf-add-row");
    var hint = container.querySelector(".pf-no-js-hint");
    if (hint) hint.hidden = true;
    rows.querySelectorAll(".pf-row").forEach(function (row) { wireRow(row, container); });
    if (!add || !template || !total) return;
    add.hidden = false;
    // With steps listed, the blank "add another" row waits behind the button rather than
    // showing an empty block on every visit; with none, it stays open to start typing.
    if (rows.querySelector(".pf-row:not(.pf-row-new)")) {
      rows.querySelectorAll(".pf-row-new").forEach(function (row) { row.hidden = true; });
    }
    add.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = index + 1;
      var row = rows.lastElementChild;
      var key = row.querySelector('input[name$="-key"]');
      if (key) key.value = newKey();
      wireRow(row, container);
      numberRows(container);
      var title = row.querySelector('input[name$="-title"]');
      if (title) title.focus();
    });
  });

  // -- clearing a choice ----------------------------------------------------------------
  // Radios cannot be unchecked by hand; this puts a choice question back to "no answer".
  form.querySelectorAll(".pf-clear-choice").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-clear");
      var any = false;
      form.querySelectorAll('[name="' + key + '"]').forEach(function (input) {
        if (input.checked) any = true;
        input.checked = false;
      });
      if (!any) return;
      updateVisibility();
      changed();
    });
  });

  // -- last cycle's answer --------------------------------------------------------------
  // "Copy into my answer" appends last cycle's text after a blank line (never replaces
  // what is typed), then fires the input event typing fires, so the autosave saves it.
  form.querySelectorAll(".pf-copy-previous").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var target = document.getElementById(button.getAttribute("data-copy-to"));
    if (!source || !target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var previous = source.textContent;
      var current = target.value.replace(/\s+$/, "");
      var note = button.parentNode.querySelector(".pf-copy-status");
      // Clicked again (or the text is already there): nothing is added twice.
      var already = previous.trim() && current.indexOf(previous.trim()) !== -1;
      if (!already) {
        target.value = current ? current + "\n\n" + previous : previous;
        target.dispatchEvent(new Event("input", { bubbles: true }));
      }
      // A live region announces a change of its text: empty it first, so the same
      // message said twice is heard twice.
      if (note) {
        note.textContent = "";
        note.textContent = button.getAttribute(already ? "data-already" : "data-copied");
      }
      // Back to the answer, at its end: the person goes on editing what they copied.
      target.focus();
      target.setSelectionRange(target.value.length, target.value.length);
    });
  });

  // -- events ---------------------------------------------------------------------------

  form.addEventListener("input", function (event) {
    if (event.target.type === "hidden") return;
    var box = event.target.closest(".pf-conflict");
    if (box) {  // a choice in the making: editing the combined text or row chooses it
      var combined = box.querySelector('input[type="radio"][value="combined"]');
      if (combined && event.target.closest(".pf-combined")) {
        combined.checked = true;
        box.setAttribute("data-edited", "");
      }
      return;
    }
    changed();
  });
  form.addEventListener("change", function (event) {
    if (event.target.closest(".pf-conflict")) return;
    updateVisibility();
    if (event.target.type === "radio" || event.target.type === "checkbox") changed();
  });
  form.addEventListener("submit", function () {
    submitting = true;
    clearTimeout(timer);
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !dirty()) return;
    event.preventDefault();
    event.returnValue = text("unsaved");
    return event.returnValue;
  });
  updateVisibility();
})();
