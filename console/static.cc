#include "console/static.h"

#include <fstream>
#include <sstream>

namespace adwatch::console {
namespace {

constexpr const char* kChartJs = "/usr/share/javascript/chart.js/chart.min.js";

constexpr const char* kCss = R"CSS(
:root { --fg: #1b1b1b; --muted: #555; --line: #c8c8c8; --accent: #0b4f8a; --bg: #fff; --soft: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 1rem;
  padding: .6rem 1.5rem; background: var(--accent); color: #fff; }
header a, header span { color: #fff; }
.brand { font-weight: 600; }
nav ul { display: inline-flex; gap: 1.2rem; list-style: none; margin: 0; padding: 0; }
nav { display: flex; align-items: center; gap: 1.5rem; }
.signout { display: inline-flex; gap: .5rem; align-items: center; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .4rem; z-index: 10; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; }
form.filters { display: flex; flex-wrap: wrap; gap: .8rem 1.2rem; align-items: flex-end; background: var(--soft);
  padding: .8rem 1rem; border-radius: 4px; }
.field { display: flex; flex-direction: column; gap: .2rem; margin: .6rem 0; }
label { font-weight: 600; }
input, select, textarea, button { font: inherit; padding: .35rem .5rem; border: 1px solid #888; border-radius: 3px; }
textarea { width: 100%; min-height: 5rem; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
header button { background: #fff; color: var(--accent); }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 1rem 0; padding: .6rem 1rem; }
legend { font-weight: 600; padding: 0 .3rem; }
.choice { display: flex; gap: .6rem; align-items: flex-start; margin: .4rem 0; }
.choice label { font-weight: 600; }
.choice p { margin: 0; font-weight: normal; color: var(--muted); }
.hint { color: var(--muted); font-size: .92rem; margin: .1rem 0; }
.error { border-left: 4px solid #b00020; background: #fdecee; padding: .6rem 1rem; }
.notice { border-left: 4px solid #1a7f37; background: #e9f7ee; padding: .6rem 1rem; }
.sev { display: inline-block; padding: 0 .5rem; border-radius: 3px; font-weight: 600; }
.sev-critical { background: #b00020; color: #fff; }
.sev-high { background: #e65100; color: #fff; }
.sev-medium { background: #f9a825; }
.sev-low { background: #dfe6ee; }
mark { background: #ffe066; padding: 0 .1rem; }
.snippet { font-style: italic; }
.ad { border: 1px solid var(--line); border-radius: 4px; padding: .6rem 1rem; margin: .8rem 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dd { margin: 0; }
dl.meta dt { font-weight: 600; }
.ad dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .4rem 0; }
.ad dt { font-weight: 600; }
.ad h2 { margin-top: .4rem; }
td.nowrap { white-space: nowrap; }
.ad dd { margin: 0; }
.adtext { white-space: pre-wrap; background: var(--soft); padding: .5rem; border-radius: 3px; }
.counts { display: flex; gap: 1rem; flex-wrap: wrap; list-style: none; padding: 0; }
.counts li { background: var(--soft); padding: .4rem .8rem; border-radius: 4px; }
.chart { max-width: 40rem; }
.login { max-width: 24rem; }
.qr { display: block; margin: .5rem 0; border: 1px solid var(--line); }
code.secret { font-size: 1.2rem; letter-spacing: .05em; background: var(--soft); padding: .2rem .5rem; }
code.uri { word-break: break-all; }
#totp { max-width: 24rem; }
)CSS";

constexpr const char* kJs = R"JS(
// adwatch console: progressive enhancement only; every page works without it.
document.addEventListener('DOMContentLoaded', function () {
  // Charts on the dashboard: data in <script type="application/json"> blocks (not executed).
  if (window.Chart) {
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var src = document.getElementById(canvas.dataset.chart);
      if (!src) return;
      var data = JSON.parse(src.textContent);
      new window.Chart(canvas, {
        type: 'bar',
        data: { labels: data.labels, datasets: [{ label: data.title, data: data.values, backgroundColor: '#0b4f8a' }] },
        options: { animation: false, aspectRatio: 2.5, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    });
  }
  // The registration number matters only for Veilig Thuis: say so next to the field.
  var dest = document.getElementById('forwarded_to');
  var reg = document.getElementById('registration-hint');
  if (dest && reg) {
    var update = function () { reg.hidden = dest.value !== 'veilig-thuis'; };
    dest.addEventListener('change', update);
    update();
  }
});
)JS";

}  // namespace

std::optional<StaticFile> FindStatic(const std::string& path) {
  if (path == "/static/console.css") return StaticFile{"text/css; charset=utf-8", kCss};
  if (path == "/static/console.js") return StaticFile{"text/javascript; charset=utf-8", kJs};
  if (path == "/static/chart.js") {
    std::ifstream in(kChartJs, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    return StaticFile{"text/javascript; charset=utf-8", ss.str()};
  }
  return std::nullopt;
}

}  // namespace adwatch::console
