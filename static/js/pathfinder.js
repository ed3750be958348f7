/* Pathfinder: the little script every page loads (base.html, deferred). The
 * Content-Security-Policy allows no inline script or on...= handler, so what used to be
 * inline lives here.
 *
 * - After a form comes back with errors, focus goes to the error summary (#error-summary);
 *   failing that, to the "someone else changed this" notice (#conflict). Templates render
 *   these only after a failed post. The submit page's list of what blocks submission is
 *   shown on every visit, so it carries data-no-autofocus and keeps the focus where it is.
 * - A page opened at an anchor marked data-focus-on-arrival puts the focus there.
 * - A <form data-submit-once> disables its buttons while it is being sent, so a second
 *   press does not send it again (the server also ignores a resent add form: its key).
 * - A table box that scrolls sideways (.table-responsive, on a phone) becomes a named
 *   region that Tab reaches, so a keyboard can scroll it (WCAG 2.1.1; axe's
 *   scrollable-region-focusable); a box that fits the window stays out of the Tab order.
 */
(function () {
  "use strict";

  var target = ["error-summary", "conflict"]
    .map(function (id) { return document.getElementById(id); })
    .filter(function (el) { return el && !el.hasAttribute("data-no-autofocus"); })[0];
  // A page reached at an anchor marked data-focus-on-arrival (the board after a filter or a
  // sort) starts the focus there rather than at the top of the page.
  var arrival = !target && window.location.hash &&
    document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (arrival && arrival.hasAttribute("data-focus-on-arrival")) target = arrival;
  if (target) target.focus();

  function reachableScrollBoxes() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        // Named by the table's caption, else by the heading of what holds it.
        var caption = box.querySelector("caption") ||
          (box.parentElement && box.parentElement.querySelector("h1, h2, h3, h4, h5, h6"));
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("data-pf-scroll-box", "");
        if (caption && !box.hasAttribute("aria-label")) {
          box.setAttribute("aria-label", caption.textContent.replace(/\s+/g, " ").trim());
          box.setAttribute("data-pf-scroll-box", "named");
        }
      } else if (!scrolls && box.hasAttribute("data-pf-scroll-box")) {
        if (box.getAttribute("data-pf-scroll-box") === "named") box.removeAttribute("aria-label");
        ["tabindex", "role", "data-pf-scroll-box"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  reachableScrollBoxes();
  window.addEventListener("load", reachableScrollBoxes);
  window.addEventListener("resize", reachableScrollBoxes);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-submit-once]") || event.defaultPrevented) return;
    // After this turn: a button disabled now would drop out of what the form sends.
    setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
    }, 0);
  });
  // Back to a page kept in the browser's cache: its buttons work again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submit-once] button[type=submit]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    });
  });
})();
