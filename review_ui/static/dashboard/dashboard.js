/* Draws every dashboard chart from the JSON next to its canvas (Chart.js, vendored). */
(function () {
  "use strict";
  var COLORS = ["#0b5cad", "#d1495b", "#2a9d8f", "#e9a23b", "#6a4c93", "#5b6475"];

  function formatNumber(value, percent) {
    var text = Number(value).toLocaleString("id-ID", { maximumFractionDigits: 1 });
    return percent ? text + "%" : text;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.datasets.map(function (set, i) {
      var color = COLORS[i % COLORS.length];
      return {
        label: set.label,
        data: set.data,
        backgroundColor: color,
        borderColor: color,
        fill: false,
        tension: 0.2
      };
    });
    var chart = new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: spec.type === "bar" && spec.labels.length > 8 ? "y" : "x",
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var value = ctx.parsed[ctx.chart.options.indexAxis === "y" ? "x" : "y"];
                return ctx.dataset.label + ": " + formatNumber(value, spec.percent);
              }
            }
          }
        },
        scales: {
          x: { ticks: { autoSkip: true } },
          y: { beginAtZero: true }
        }
      }
    });
    canvas.setAttribute("data-drawn", "1");
    return chart;
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
