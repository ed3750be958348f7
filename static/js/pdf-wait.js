/* The "PDF being prepared" page (reports/pdf_preparing.html): no <meta refresh>, which
 * axe and WCAG 2.2.1 count against a page; this script checks instead.
 *
 * Every few seconds (data-interval, then the server's Retry-After) it asks the same
 * address with HEAD, which answers as a GET would without the file. The same status as
 * the page's own (202 being prepared, 503 cannot be stored now): it waits again, saying
 * nothing new. 200: the PDF of the current revision is kept, so it goes there (the
 * download starts, the page stays) and stops. Anything else (the state changed, signed
 * out, no longer allowed): it goes to the address, whose answer says what happened.
 * A button pauses and resumes the checking (WCAG 2.2.1); a polite live region says
 * only what changes (checking, paused, ready), never every tick. Without script the page
 * never reloads itself: its "Check again" link does the same by hand.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-pdf-wait]");
  if (!box) return;
  var url = box.getAttribute("data-url");
  var status = Number(box.getAttribute("data-status"));
  var delay = Math.max(2, Number(box.getAttribute("data-interval")) || 5);
  var live = box.querySelector("[data-pdf-wait-live]");
  var toggle = box.querySelector("[data-pdf-wait-toggle]");
  var timer = null;
  var busy = false;
  var paused = false;

  function say(name) {
    var text = box.getAttribute("data-say-" + name);
    if (live.textContent !== text) live.textContent = text;
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, delay * 1000);
  }

  function go() {
    window.clearTimeout(timer);
    timer = null;
    toggle.hidden = true;
    window.location.assign(url);
  }

  function check() {
    if (busy || paused) return;
    busy = true;
    fetch(url, { method: "HEAD", credentials: "same-origin", redirect: "manual", cache: "no-store" })
      .then(function (response) {
        busy = false;
        if (paused) return;
        if (response.status === status) {
          var after = Number(response.headers.get("Retry-After"));
          if (after > 0) delay = Math.max(2, after);
          say("checking");
          schedule();
          return;
        }
        if (response.status === 200) say("ready");
        go();
      })
      .catch(function () {
        // No answer (offline, the server restarting): try again later, and say so.
        busy = false;
        say("offline");
        schedule();
      });
  }

  toggle.addEventListener("click", function () {
    // The button's name says what it will do; the live region says what now holds.
    paused = !paused;
    toggle.textContent = toggle.getAttribute(paused ? "data-resume" : "data-pause");
    if (paused) {
      window.clearTimeout(timer);
      say("paused");
    } else {
      say("checking");
      check();
    }
  });

  // With script, the checking starts and its control shows; the no-script note goes.
  box.querySelectorAll("[data-pdf-wait-noscript]").forEach(function (el) { el.hidden = true; });
  box.querySelectorAll("[data-pdf-wait-script]").forEach(function (el) { el.hidden = false; });
  say("checking");
  schedule();
})();
