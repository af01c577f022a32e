// Review buttons: POST the verdict and note as JSON to the console, which
// forwards them to the gateway's Review with the signed-in person's token.
(function () {
  "use strict";
  var form = document.getElementById("review");
  var status = document.getElementById("review-status");
  var note = document.getElementById("review-note");
  var alertId = form.getAttribute("data-alert-id");

  function send(verdict) {
    status.setAttribute("data-state", "sending");
    status.textContent = "sending…";
    fetch("/alerts/" + encodeURIComponent(alertId) + "/review", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ verdict: verdict, note: note.value }),
      credentials: "same-origin",
    })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body.error || "review failed (" + res.status + ")");
          status.setAttribute("data-state", "recorded");
          status.textContent = "recorded: " + body.verdict;
        });
      })
      .catch(function (err) {
        status.setAttribute("data-state", "failed");
        status.textContent = err.message;
      });
  }

  form.querySelectorAll("button[data-verdict]").forEach(function (button) {
    button.addEventListener("click", function () {
      send(button.getAttribute("data-verdict"));
    });
  });
})();
