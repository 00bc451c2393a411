/**
 * The HTML report's inline style and script. Both are constants (no report data in them), so the
 * only untrusted text in the page is in escaped element text and attributes.
 */

/** Light by default; dark from `prefers-color-scheme` unless the toggle says otherwise. */
export const CSS = `
:root{color-scheme:light;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--card:#f6f8fa;--head:#eef1f4;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#b3151f;--fail-bg:#ffebe9;--abort:#7d4e00;--abort-bg:#fff1c2;
--warn:#7d4e00;--warn-bg:#fff8c5;--info:#0b5cc4;--info-bg:#ddf4ff;--link:#0b5cc4;--code:#eff2f5}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){color-scheme:dark;--bg:#0d1117;--fg:#e6edf3;
--muted:#9aa4af;--border:#3d444d;--card:#151b23;--head:#1c232c;--pass:#56d364;--pass-bg:#0f2d1a;--fail:#ff7b72;
--fail-bg:#3c1618;--abort:#e3b341;--abort-bg:#3a2a06;--warn:#e3b341;--warn-bg:#2e2605;--info:#79c0ff;
--info-bg:#0c2d4a;--link:#79c0ff;--code:#1f2630}}
:root[data-theme=dark]{color-scheme:dark;--bg:#0d1117;--fg:#e6edf3;--muted:#9aa4af;--border:#3d444d;--card:#151b23;
--head:#1c232c;--pass:#56d364;--pass-bg:#0f2d1a;--fail:#ff7b72;--fail-bg:#3c1618;--abort:#e3b341;--abort-bg:#3a2a06;
--warn:#e3b341;--warn-bg:#2e2605;--info:#79c0ff;--info-bg:#0c2d4a;--link:#79c0ff;--code:#1f2630}
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
main{max-width:1200px;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.25rem;margin:0 0 .5rem}h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
a{color:var(--link)}code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
code{background:var(--code);padding:0 .25em;border-radius:4px;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0 1rem}.meta dt{color:var(--muted)}.meta dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.25rem 0}th,td{border-bottom:1px solid var(--border);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}
.badge{display:inline-block;min-width:4.2em;text-align:center;font-weight:700;font-size:.78rem;letter-spacing:.03em;
padding:.05rem .45rem;border-radius:999px;border:1px solid currentColor;white-space:nowrap}
.v-PASS,.v-COMPLIANT{color:var(--pass);background:var(--pass-bg)}.v-FAIL,.v-NOT-COMPLIANT{color:var(--fail);background:var(--fail-bg)}
.v-ABORT,.v-NO-VERDICT,.v-INCONCLUSIVE{color:var(--abort);background:var(--abort-bg)}.v-WARN{color:var(--warn);background:var(--warn-bg)}
.v-advisory,.v-INFO{color:var(--info);background:var(--info-bg)}.v-advisory{min-width:0}
table.testcases{table-layout:fixed}.c-verdict{width:6.5rem}.c-testcase{width:36%}.c-module{width:9.5rem}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:1rem;margin:1rem 0}
.error{color:var(--fail);background:var(--fail-bg);border-radius:6px;padding:.5rem .75rem}
.controls{position:sticky;top:0;z-index:1;background:var(--bg);border-bottom:1px solid var(--border);padding:.6rem 0;
display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.controls input[type=search]{min-width:18rem;flex:1;padding:.35rem .5rem;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg)}
.controls select,.controls button{padding:.3rem .5rem;border:1px solid var(--border);border-radius:6px;background:var(--card);color:var(--fg);font:inherit}
.controls label{white-space:nowrap;cursor:pointer}.no-js .controls{display:none}
.images>details{border:1px solid var(--border);border-radius:6px;margin:.35rem 0;background:var(--bg)}
.images>details>summary{padding:.4rem .6rem;cursor:pointer;display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.images>details>ul{margin:0;padding:.25rem .75rem .6rem 2rem}
.findings{margin:.25rem 0 0;padding-left:1.1rem}.findings li{margin:.2rem 0}
li.advisory{list-style:none;margin-left:-1.1rem;padding:.2rem .5rem;border-left:3px dashed var(--info);background:var(--info-bg)}
.hide-advisories li.advisory{display:none}
.allowed{color:var(--muted);font-size:.9em}.readings{color:var(--muted);font-size:.9em;margin:.1rem 0 0 1rem}
td.desc{overflow-wrap:anywhere}details>summary{cursor:pointer}
@media print{.controls{display:none}details>*{display:block}}
`;

/**
 * Filter, sort and theme, in plain DOM calls. Rows carry `data-outcome`, `data-search` (lower
 * case) and `data-index`; containers with `data-sortable` hold them.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');
  var $ = function (id) { return document.getElementById(id); };
  var RANK = { FAIL: 0, ABORT: 1, WARN: 2, PASS: 3 };
  var THEMES = ['auto', 'light', 'dark'];
  var theme = 'auto';
  try { theme = localStorage.getItem('scs-images-theme') || 'auto'; } catch (e) {}
  function applyTheme() {
    if (theme === 'auto') root.removeAttribute('data-theme'); else root.setAttribute('data-theme', theme);
    $('theme').textContent = 'Theme: ' + theme;
  }
  $('theme').addEventListener('click', function () {
    theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
    try { localStorage.setItem('scs-images-theme', theme); } catch (e) {}
    applyTheme();
  });
  applyTheme();

  var verdictBoxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter-verdict]'));
  function filter() {
    var text = $('filter-text').value.trim().toLowerCase();
    var on = {};
    verdictBoxes.forEach(function (b) { on[b.getAttribute('data-filter-verdict')] = b.checked; });
    document.querySelectorAll('[data-sortable]').forEach(function (box) {
      var rows = box.querySelectorAll('[data-filterable]');
      var shown = 0;
      rows.forEach(function (row) {
        var ok = on[row.getAttribute('data-outcome')] === true && (text === '' || row.getAttribute('data-search').indexOf(text) >= 0);
        row.hidden = !ok;
        if (ok) shown++;
      });
      var count = document.querySelector('[data-count-for="' + box.id + '"]');
      if (count) count.textContent = shown === rows.length ? String(rows.length) : shown + ' of ' + rows.length;
    });
    root.classList.toggle('hide-advisories', !$('show-advisories').checked);
  }
  function sort() {
    var by = $('sort').value;
    var key = function (row) { return +row.getAttribute('data-index'); };
    document.querySelectorAll('[data-sortable]').forEach(function (box) {
      var rows = Array.prototype.slice.call(box.querySelectorAll(':scope > [data-filterable]'));
      rows.sort(function (a, b) {
        if (by === 'verdict') {
          var d = RANK[a.getAttribute('data-outcome')] - RANK[b.getAttribute('data-outcome')];
          if (d !== 0) return d;
        } else if (by === 'id') {
          var c = a.getAttribute('data-key').localeCompare(b.getAttribute('data-key'));
          if (c !== 0) return c;
        }
        return key(a) - key(b);
      });
      rows.forEach(function (row) { box.appendChild(row); });
    });
  }
  $('filter-text').addEventListener('input', filter);
  verdictBoxes.concat([$('show-advisories')]).forEach(function (b) { b.addEventListener('change', filter); });
  $('sort').addEventListener('change', sort);
  filter();
  sort();
})();
`;
