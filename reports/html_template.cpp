#include "reports/html_template.hpp"

namespace provsim::reports {

const char* const kReportCss = R"css(body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
dl.run { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; margin: 0; }
dl.run dt { font-weight: 600; }
dl.run dd { margin: 0; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #1a7f37; font-weight: 600; }
.fail { color: #cf222e; font-weight: 600; }
.note { background: #fff8c5; border: 1px solid #d4a72c; padding: 0.5rem 0.8rem; }
figure { margin: 1rem 0 2rem; }
.chart { width: 100%; min-height: 1rem; }
figcaption { color: #555; font-size: 0.9rem; margin-top: 0.3rem; }
code { font-size: 0.9em; }
@media (min-width: 800px) { dl.run { grid-template-columns: max-content auto max-content auto; } }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 0.8rem; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.8rem; background: #fafafa; }
.card h3 { font-size: 1rem; margin: 0 0 0.3rem; }
.card table.figures { margin: 0; width: 100%; }
.card table.figures th, .card table.figures td { border: none; padding: 0.1rem 0.4rem 0.1rem 0; background: none; }
.card table.figures th { font-weight: 600; white-space: nowrap; }
.card .links { margin: 0.3rem 0 0; font-size: 0.9rem; }
nav#contents ol { margin: 0.2rem 0; padding-left: 1.4rem; }
nav#contents > ol > li { margin: 0.2rem 0; }
section.topic h3 { font-size: 1.1rem; margin-top: 1.5rem; }
section#metrics, section#expectations, section#conservation { overflow-x: auto; }
@media (max-width: 600px) {
  body { margin: 0.5rem auto; padding: 0 0.5rem; }
  .cards { grid-template-columns: 1fr; }
  .card table.figures, .card table.figures tbody, .card table.figures tr, .card table.figures th,
  .card table.figures td { display: block; }
  .card table.figures td { padding-bottom: 0.3rem; }
  td, th { word-break: break-word; }
}
)css";

const char* const kReportScript = R"js((function () {
  "use strict";
  var data = JSON.parse(document.getElementById("provsim-data").textContent);
  var options = { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } };
  data.charts.forEach(function (chart) {
    var element = document.getElementById(chart.id);
    var spec = chart.spec;
    if (chart.uses_datasets) spec.datasets = data.datasets;
    vegaEmbed(element, spec, options).catch(function (error) {
      element.className += " note";
      element.textContent = "This chart could not be drawn: " + error;
    });
  });
})();
)js";

}  // namespace provsim::reports
