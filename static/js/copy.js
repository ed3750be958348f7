/* Copy buttons (the Connect page's snippets, a new token): a button with
 * data-copy="<element id>" copies that element's text. The buttons are hidden until this
 * script shows them, so without script nobody meets a button that does nothing; the text
 * stays selectable. A polite live region says whether it was copied.
 */
(function () {
  "use strict";

  var status = document.querySelector("[data-copy-status]");

  function say(name) {
    if (!status) return;
    // Emptied first, so saying "Copied." twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = status.getAttribute("data-say-" + name);
    }, 50);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(
        function () { say("copied"); },
        function () { say("failed"); }
      );
    });
  });
})();
