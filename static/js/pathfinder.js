/* Pathfinder: the little script every page loads (base.html, deferred). The
 * Content-Security-Policy allows no inline script or on...= handler, so what used to be
 * inline lives here.
 *
 * - After a form comes back with errors, focus goes to the error summary (#error-summary);
 *   failing that, to the "someone else changed this" notice (#conflict). Templates render
 *   these only after a failed post. The submit page's list of what blocks submission is
 *   shown on every visit, so it carries data-no-autofocus and keeps the focus where it is.
 * - A <select data-autosubmit> submits its form when it changes (the language menu); its
 *   <noscript> button does the same without JavaScript.
 * - A <form data-submit-once> disables its buttons while it is being sent, so a second
 *   press does not send it again (the server also ignores a resent add form: its key).
 */
(function () {
  "use strict";

  var target = ["error-summary", "conflict"]
    .map(function (id) { return document.getElementById(id); })
    .filter(function (el) { return el && !el.hasAttribute("data-no-autofocus"); })[0];
  if (target) target.focus();

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-autosubmit]") && select.form) {
      select.form.submit();
    }
  });

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
