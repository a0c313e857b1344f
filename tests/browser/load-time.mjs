// How fast the web edition opens and searches in Chromium (a benchmark,
// not a test; benches/run.sh runs it): `node tests/browser/load-time.mjs
// <out/html> [runs]` prints, as
// median and range over the runs, the time until index.html has loaded
// from file://, and the time from typing a search to the results listed
// (the first search loads the parts of the search index it needs; timed
// in the page, from the keystroke to the first frame with the results), with
// the bytes those parts weigh (from file:// a browser reports no transfer
// size, so the files' own sizes are summed).
import { chromium } from "playwright-core";
import path from "node:path";
import { statSync } from "node:fs";

const [html, runsText] = process.argv.slice(2);
const runs = Number(runsText || 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms (${s[0].toFixed(0)}-${s[s.length - 1].toFixed(0)} ms)`;
};
const load = [], search = [], bytes = [];
for (let k = 0; k < runs; k++) {
  const page = await browser.newPage();
  const t0 = Date.now();
  await page.goto("file://" + path.resolve(html, "index.html"), { waitUntil: "load" });
  load.push(Date.now() - t0);
  // Timed inside the page, from the input event to the first frame after
  // the results are listed: Playwright's own first action on a page (its
  // fill) costs a further 250-850 ms here that no reader waits for.
  search.push(await page.evaluate(() => new Promise((resolve) => {
    const input = document.getElementById("q");
    const table = document.getElementById("instruments");
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (table.dataset.query !== "trade") return;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
    });
    seen.observe(table, { attributes: true, attributeFilter: ["data-query"] });
    input.value = "trade";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  })));
  if (!/match/.test(await page.textContent("#count"))) throw new Error("the search listed no matches");
  const files = await page.$$eval("script[src^='search/']", (ss) => ss.map((s) => s.getAttribute("src")));
  bytes.push(files.reduce((sum, f) => sum + statSync(path.resolve(html, f)).size, 0));
  await page.close();
}
console.log(`index.html loaded: ${stats(load)}`);
console.log(`first search listed: ${stats(search)}`);
const mb = [...bytes].sort((a, b) => a - b).map((b) => (b / 1e6).toFixed(2));
console.log(`first search loaded: median ${mb[Math.floor(mb.length / 2)]} MB (${mb[0]}-${mb[mb.length - 1]} MB)`);
await browser.close();
