// Live alert list: one EventSource on /live with the page's filters. The
// server sends each alert with its gateway cursor as the event id, so when the
// connection drops the browser reconnects with Last-Event-ID and the list
// resumes where it stopped. Text goes in with textContent only: room ids and
// summaries are never parsed as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var query = script.getAttribute("data-query") || "";
  var rows = document.getElementById("alert-rows");
  var status = document.getElementById("live-status");
  var empty = document.getElementById("no-alerts");
  var MAX_ROWS = 500;

  function setStatus(state, text) {
    status.setAttribute("data-state", state);
    status.textContent = text;
  }

  function cell(text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function addAlert(alert, cursor) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-alert-id", alert.alertId);
    tr.setAttribute("data-cursor", cursor);
    var time = document.createElement("td");
    var link = document.createElement("a");
    link.href = "/alerts/" + encodeURIComponent(alert.alertId);
    link.textContent = alert.time;
    time.appendChild(link);
    tr.appendChild(time);
    var room = document.createElement("td");
    var roomLink = document.createElement("a");
    roomLink.href = "/rooms/" + encodeURIComponent(alert.roomId);
    roomLink.textContent = alert.roomId;
    room.appendChild(roomLink);
    tr.appendChild(room);
    tr.appendChild(cell(alert.category));
    tr.appendChild(cell(alert.subcategory));
    tr.appendChild(cell(alert.severity, "sev-" + alert.severity));
    tr.appendChild(cell(alert.score));
    tr.appendChild(cell(alert.summary));
    rows.insertBefore(tr, rows.firstChild);
    while (rows.children.length > MAX_ROWS) rows.removeChild(rows.lastChild);
    if (empty) empty.hidden = true;
  }

  var source = new EventSource("/live" + (query ? "?" + query : ""));
  source.addEventListener("open", function () {
    setStatus("live", "live");
  });
  source.addEventListener("alert", function (event) {
    addAlert(JSON.parse(event.data), event.lastEventId);
  });
  // The gateway refused the stream for a reason a retry will not mend
  // (signed out, a bad filter, a cursor it no longer knows): stop and say so.
  source.addEventListener("refused", function (event) {
    source.close();
    setStatus("refused", "stopped: " + JSON.parse(event.data).message);
  });
  // A dropped stream reconnects by itself (with Last-Event-ID); a refused
  // one (signed out, the console gone) is closed by the browser for good.
  source.addEventListener("error", function () {
    if (source.readyState === EventSource.CLOSED) setStatus("refused", "stopped: reload the page or sign in again");
    else setStatus("reconnecting", "reconnecting…");
  });
})();
