// The room's per-minute chart, drawn by Chart.js (served from node_modules)
// from numbers the server put in the canvas's data-minutes attribute.
(function () {
  "use strict";
  var canvas = document.getElementById("minute-chart");
  if (!canvas) return;
  var minutes = JSON.parse(canvas.getAttribute("data-minutes"));
  var labels = minutes.map(function (m) {
    return new Date(m.minuteMs).toISOString().slice(11, 16);
  });
  function series(key) {
    return minutes.map(function (m) {
      return m[key];
    });
  }
  new Chart(canvas, {
    data: {
      labels: labels,
      datasets: [
        { type: "line", label: "likes", data: series("likes"), borderColor: "#2563eb", yAxisID: "y" },
        { type: "line", label: "joins", data: series("joins"), borderColor: "#16a34a", yAxisID: "y" },
        { type: "line", label: "orders", data: series("orders"), borderColor: "#d97706", yAxisID: "y" },
        { type: "bar", label: "comments deleted", data: series("deletions"), backgroundColor: "#dc2626", yAxisID: "marks" },
        { type: "bar", label: "alerts raised", data: series("alerts"), backgroundColor: "#7c3aed", yAxisID: "marks" },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: "minute (UTC, event time)" } },
        y: { beginAtZero: true, title: { display: true, text: "events per minute" } },
        marks: {
          beginAtZero: true,
          position: "right",
          grid: { drawOnChartArea: false },
          ticks: { precision: 0 },
          title: { display: true, text: "deletions, alerts" },
        },
      },
    },
  });
  canvas.setAttribute("data-drawn", "true");
})();
