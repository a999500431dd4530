//! Layout and accessibility checks, run inside the page through WebDriver (which evaluates
//! scripts even where the page's own JavaScript is off). Layout on every key screen of both
//! runs, and in the JavaScript run in both themes; axe-core in the JavaScript run.
//!
//! The layout rules, on a 360 CSS px wide phone viewport:
//! 1. No horizontal scrolling: `document.documentElement.scrollWidth <= window.innerWidth`.
//! 2. No text overflowing its box: every visible element that is not `display: inline`, has
//!    text inside, and is not a scroll container on that axis (`overflow` `auto`/`scroll`,
//!    e.g. `.table-wrap`, `pre`) and not a form field (inputs scroll their own value) has
//!    `scrollWidth <= clientWidth + 1` and `scrollHeight <= clientHeight + 1`; only the
//!    innermost failing box is reported. And no text node reaches past the viewport's right
//!    edge (text clipped by an `overflow: hidden` ancestor).
//! 3. Tap targets at least 48×48 CSS px (Android's and the project's minimum; WCAG 2.5.8 asks
//!    24): every visible `a[href]`, `button`, `input` (not hidden), `select`, `textarea`,
//!    `summary`. A checkbox or radio button is measured by its `<label>` (the whole label is
//!    the tap target). Exempt, as WCAG 2.5.8's inline exception: a link with computed
//!    `display: inline` whose block container has text outside any link, i.e. a link inside a
//!    sentence. A link alone in its paragraph, or among other links only, is not exempt.
//!
//! "Visible": not `display: none`/`visibility: hidden`, a non-empty box, and not moved off the
//! left edge (the visually-hidden skip link until it is focused).

/// Returns a list of problems, one string each, naming the element.
pub const LAYOUT_JS: &str = r#"
const vw = window.innerWidth;
const problems = [];
const de = document.documentElement;
if (de.scrollWidth > vw) {
  problems.push(`horizontal scrolling: document scrollWidth ${de.scrollWidth} > window.innerWidth ${vw}`);
}
const short = s => (s || '').replace(/\s+/g, ' ').trim().slice(0, 70);
function describe(el) {
  const path = [];
  for (let e = el; e && e !== document.body && path.length < 4; e = e.parentElement) {
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    if (e.classList.length) s += '.' + [...e.classList].join('.');
    path.unshift(s);
  }
  let d = path.join(' > ');
  if (el.getAttribute('href')) d += ` [href=${el.getAttribute('href')}]`;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const text = short(el.innerText || label || el.value || el.getAttribute('aria-label'));
  return text ? `${d} "${text}"` : d;
}
function visible(el) {
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden') return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > 0;
}
const px = n => Math.round(n * 10) / 10;

// 2. Text overflowing its box.
const overflowing = [];
for (const el of document.body.querySelectorAll('*')) {
  if (!visible(el) || el.matches('input, textarea, select')) continue;
  const cs = getComputedStyle(el);
  if (cs.display === 'inline' || cs.display === 'contents') continue;
  if (!short(el.innerText)) continue;
  const scrolls = v => v === 'auto' || v === 'scroll';
  const wide = !scrolls(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
  const tall = !scrolls(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
  if (wide || tall) overflowing.push([el, wide, tall]);
}
for (const [el, wide, tall] of overflowing) {
  if (overflowing.some(([other]) => other !== el && el.contains(other))) continue;
  const dims = [];
  if (wide) dims.push(`scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
  if (tall) dims.push(`scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}`);
  problems.push(`text overflows its box (${dims.join(', ')}): ${describe(el)}`);
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (!n.textContent.trim() || !n.parentElement || !visible(n.parentElement)) continue;
  const range = document.createRange();
  range.selectNodeContents(n);
  const r = range.getBoundingClientRect();
  if (r.width > 0 && r.right > vw + 1) {
    problems.push(`text runs past the viewport (right edge ${px(r.right)} > ${vw}): ${describe(n.parentElement)}`);
  }
}

// 3. Tap targets.
function inSentence(a) {
  let block = a.parentElement;
  while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
  if (!block) return false;
  const w = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (n.textContent.trim() && !n.parentElement.closest('a[href]')) return true;
  }
  return false;
}
const targets = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
for (const el of document.querySelectorAll(targets)) {
  if (!visible(el)) continue;
  if (el.matches('a') && getComputedStyle(el).display === 'inline' && inSentence(el)) continue;
  let box = el;
  if (el.matches('input[type=checkbox], input[type=radio]')) {
    box = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
  }
  const r = box.getBoundingClientRect();
  if (r.width < 47.5 || r.height < 47.5) {
    const via = box === el ? '' : ` (measured by its label)`;
    problems.push(`tap target ${px(r.width)}×${px(r.height)} CSS px, under 48×48${via}: ${describe(el)}`);
  }
}
return problems;
"#;

/// Swaps the page's stylesheet for `arguments[0]`; answers `true` once it has loaded.
pub const USE_SHEET_JS: &str = r#"
const [href, done] = arguments;
const link = document.querySelector('link[rel=stylesheet]');
if (link.getAttribute('href') === href) { done(true); return; }
link.onload = () => done(true);
link.onerror = () => done(false);
link.setAttribute('href', href);
"#;

/// Runs axe-core (already injected) and answers with its violations, compacted.
pub const AXE_RUN_JS: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(r => done({ violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
    nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 240),
                               summary: n.failureSummary })),
  })) }))
  .catch(e => done({ error: String((e && e.stack) || e) }));
"#;

/// One line per element of an axe violation.
pub fn describe_violation(v: &serde_json::Value) -> String {
    let nodes: Vec<String> = v["nodes"]
        .as_array()
        .map(|nodes| {
            nodes
                .iter()
                .map(|n| {
                    format!(
                        "      {} — {}\n        {}",
                        n["target"].as_str().unwrap_or(""),
                        n["html"].as_str().unwrap_or(""),
                        n["summary"]
                            .as_str()
                            .unwrap_or("")
                            .replace('\n', "\n        ")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    format!(
        "axe {} [{}]: {} ({})\n{}",
        v["id"].as_str().unwrap_or("?"),
        v["impact"].as_str().unwrap_or("?"),
        v["help"].as_str().unwrap_or(""),
        v["url"].as_str().unwrap_or(""),
        nodes.join("\n")
    )
}
