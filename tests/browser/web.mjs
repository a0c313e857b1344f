// The web edition in a real browser: Debian's Chromium driven by
// playwright-core, pages opened from file:// with no network. Run by
// tests/web.rs as `node tests/browser/web.mjs <out/html> <screenshots>`;
// exits non-zero with the reason on the first failure.
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import assert from "node:assert/strict";

const [html, shots] = process.argv.slice(2);
const url = (page, query = "") => "file://" + path.resolve(html, page) + query;
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
const page = await context.newPage();
const requests = [];
page.on("request", (r) => requests.push(r.url()));
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

// Search from ?q=: every row shown matches, every row hidden does not.
// The split index (search/) read back as the page reads it: the rows, and
// the words each entry is found by.
const store = { meta: null, shards: {}, rows: {} };
globalThis.REGISTER_SEARCH = {
  meta: (m) => { store.meta = m; },
  shard: (k, words) => { store.shards[k] = words; },
  rows: (k, rows) => { store.rows[k] = rows; },
};
for (const f of readdirSync(path.join(html, "search"))) (0, eval)(readFileSync(path.join(html, "search", f), "utf8"));
const index = [];
for (let k = 0; index.length < store.meta.total; k++) index.push(...store.rows[k]);
const wordsOf = index.map(() => []);
for (const shard of Object.values(store.shards)) {
  for (const [word, deltas] of Object.entries(shard)) {
    let n = 0;
    for (const d of deltas) { n += d; wordsOf[n].push(word); }
  }
}
const fold = (t) => t.normalize("NFKD").replace(/[\u0300-\u036f\u02bb\u02bc\u2018\u2019']/g, "").toLowerCase();
// [id, number, title, type, parties, signed ISO, signed, status]; a query's
// words each start a word of the entry.
const matches = (e, q) => fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  .every((w) => wordsOf[index.indexOf(e)].some((x) => x.startsWith(w)));
const idOf = (e) => e[0];
async function visibleIds() {
  // The search loads its files as it needs them: wait for its answer.
  await page.waitForFunction((q) => document.getElementById("instruments").dataset.query === q, await page.inputValue("#q"));
  return page.$$eval("#instruments tbody tr", (rows) => rows.filter((r) => !r.hidden).map((r) => r.id));
}
for (const q of ["border", "Ministry of Health", "uzbekistan", "signed", "zzz-no-such"]) {
  await page.goto(url("index.html", "?q=" + encodeURIComponent(q)));
  const shown = await visibleIds();
  const expected = index.filter((e) => matches(e, q)).map(idOf);
  assert.deepEqual(shown, expected, `?q=${q}`);
  assert.equal(await page.inputValue("#q"), q);
}
await page.goto(url("index.html", "?q=border"));
await page.screenshot({ path: path.join(shots, "index-search.png"), fullPage: true });

// Typing filters at once; clearing shows all again.
await page.goto(url("index.html"));
await page.fill("#q", "health");
assert.deepEqual(await visibleIds(), index.filter((e) => matches(e, "health")).map(idOf));
assert.match(await page.textContent("#count"), /1 of 16 instruments match/);
await page.fill("#q", "");
assert.equal((await visibleIds()).length, index.length);

// Sorting by a column, reachable from the keyboard.
const titles = () => page.$$eval("#instruments tbody tr td:nth-child(3)", (c) => c.map((x) => x.textContent));
await page.focus("th[data-sort=title] button");
await page.keyboard.press("Enter");
assert.equal(await page.getAttribute("th[data-sort=title]", "aria-sort"), "ascending");
const sorted = await titles();
assert.deepEqual(sorted, [...sorted].sort((a, b) => fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
await page.keyboard.press("Enter");
assert.equal(await page.getAttribute("th[data-sort=title]", "aria-sort"), "descending");

// Focus is visible: the first Tab reaches the skip link, drawn with an outline.
await page.goto(url("index.html"));
await page.keyboard.press("Tab");
assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), "none");

// Every instrument page, through the links of the list: title, JSON-LD,
// languages, and links that lead somewhere.
const links = await page.$$eval("#instruments tbody a", (as) => as.map((a) => a.getAttribute("href")));
assert.equal(links.length, index.length);
for (const href of links) {
  await page.goto(url(href));
  const id = path.basename(href, ".html");
  const entry = index.find((e) => idOf(e) === id);
  assert.equal((await page.textContent("h1")).trim(), entry[2], id);
  const ld = JSON.parse(await page.textContent("script[type='application/ld+json']"));
  assert.deepEqual(ld["@type"], ["Legislation", "eli:LegalResource"]);
  assert.equal(ld["eli:id_local"], id);
  assert.equal(ld.legislationIdentifier, id);
  assert.ok(ld.legislationLegalForce.startsWith("https://schema.org/"));
  assert.equal(await page.getAttribute("html", "lang"), "en");
  for (const target of await page.$$eval("main a[href]", (as) => as.map((a) => a.href))) {
    assert.ok(existsSync(new URL(target).pathname), `${id} links to ${target}`);
  }
}
await page.goto(url("instruments/KZ-UZ-2024-006.html"));
await page.screenshot({ path: path.join(shots, "instrument.png"), fullPage: true });

// The feeds and the data the pages link open in the browser without an
// error (Chromium shows a feed as an XML tree, and says so when it is not
// well formed).
for (const p of ["feeds/acts.atom", "feeds/parties/KAZ.atom", "feeds/instruments/KZ-UZ-2024-006.atom"]) {
  await page.goto(url(p));
  assert.equal(await page.$("parsererror"), null, `${p} is not well-formed XML`);
}

// Index pages and the about page link only to pages that exist.
for (const p of ["by-party.html", "by-type.html", "by-subject.html", "by-status.html", "about.html"]) {
  await page.goto(url(p));
  for (const target of await page.$$eval("main a[href]", (as) => as.map((a) => a.href))) {
    assert.ok(existsSync(new URL(target).pathname), `${p} links to ${target}`);
  }
}

// Accessibility: axe-core finds nothing serious on the main kinds of page.
for (const p of ["index.html", "instruments/KZ-UZ-2024-004.html", "by-party.html", "about.html"]) {
  await page.goto(url(p));
  await page.addScriptTag({ content: axeSource });
  // preload: false — axe would fetch the stylesheets, which file:// forbids.
  const result = await page.evaluate(async () => await window.axe.run(document, { preload: false }));
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help}`), [], p);
}

// A phone's width: nothing wider than the screen.
const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
for (const p of ["index.html", "instruments/KZ-UZ-2024-004.html"]) {
  await phone.goto(url(p));
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 376, `${p} is ${width}px wide on a 375px screen`);
}
// On a phone a row is a card whose values carry their column's name, in
// the rows of the page and in the rows a search makes alike.
const before = (sel) => phone.$$eval(sel, (tds) => tds.map((td) => getComputedStyle(td, "::before").content));
await phone.goto(url("index.html"));
assert.deepEqual((await before("#instruments tbody tr:first-child td")).filter((c) => c !== "none"),
  ['"No.: "', '"Id: "', '"Type: "', '"Parties: "', '"Signed: "', '"Status: "']);
await phone.fill("#q", "border");
// The search loads its index at the first query and then replaces the rows:
// wait for the rows it makes.
const borderRows = index.filter((e) => matches(e, "border")).length;
await phone.waitForFunction((n) => document.querySelectorAll("#instruments tbody tr").length === n &&
  document.querySelector("#instruments tbody tr td[data-label]") !== null, borderRows);
await phone.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
assert.deepEqual((await before("#instruments tbody tr:first-child td")).filter((c) => c !== "none"),
  ['"No.: "', '"Id: "', '"Type: "', '"Parties: "', '"Signed: "', '"Status: "']);
await phone.screenshot({ path: path.join(shots, "phone.png"), fullPage: true });

// Nothing left the machine, and no script failed.
assert.deepEqual(requests.filter((r) => !r.startsWith("file://")), []);
assert.deepEqual(errors, []);
await browser.close();
console.log("web edition: all browser checks passed");
