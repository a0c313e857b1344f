// The search of a larger web edition in Chromium: matches listed a
// hundred at a time with "Show more", row titles without a language the
// page does not have, and a search file that cannot load said so, not
// taken for "no match". Run by tests/web.rs as
// `node tests/browser/search-more.mjs <out/html>` on a synthetic register
// of 250 entries in Russian; exits non-zero on the first failure.
import { chromium } from "playwright-core";
import { readFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";

const [html] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
await page.goto("file://" + path.resolve(html, "index.html"));
const input = await page.$("#q");
const messages = {
  more: await input.getAttribute("data-more"),
  failed: await input.getAttribute("data-failed"),
};
const rows = () => page.$$eval("#instruments tbody tr", (trs) => trs.map((r) => r.id));
const answered = (q) => page.waitForFunction((q) => document.getElementById("instruments").dataset.query === q, q);

// Every entry's id starts with "SYN": 250 matches, 100 listed.
await page.fill("#q", "syn");
await answered("syn");
let ids = await rows();
assert.equal(ids.length, 100);
assert.match(await page.textContent("#count"), /250.*\(1–100\)/);
assert.equal(await page.isVisible("#more"), true);
assert.equal(await page.textContent("#more"), messages.more.replace("{count}", "100"));
// Two clicks before the rows arrive list the next hundred once.
await page.evaluate(() => { const more = document.getElementById("more"); more.click(); more.click(); });
await page.waitForFunction(() => document.querySelectorAll("#instruments tbody tr").length >= 200 &&
  !document.getElementById("more").disabled);
assert.deepEqual(await rows(), Array.from({ length: 200 }, (_, k) => "SYN-" + String(k + 1).padStart(3, "0")));
assert.equal(await page.textContent("#more"), messages.more.replace("{count}", "50"));
await page.click("#more");
await page.waitForFunction(() => document.querySelectorAll("#instruments tbody tr").length === 250);
assert.equal(await page.isVisible("#more"), false);
ids = await rows();
const expected = Array.from({ length: 250 }, (_, k) => "SYN-" + String(k + 1).padStart(3, "0"));
assert.deepEqual(ids, expected);
assert.doesNotMatch(await page.textContent("#count"), /\(1–/);

// Sorted by number descending (the list starts ascending), then a new
// search: its rows keep that order.
await page.click("th[data-sort=number] button");
assert.equal(await page.getAttribute("th[data-sort=number]", "aria-sort"), "descending");
await page.fill("#q", "syn-00");
await answered("syn-00");
assert.deepEqual(await rows(), ["SYN-009", "SYN-008", "SYN-007", "SYN-006", "SYN-005", "SYN-004", "SYN-003", "SYN-002", "SYN-001"]);
await page.click("th[data-sort=number] button");

// The page is Russian and so are the titles: no row says otherwise.
assert.equal(await page.getAttribute("html", "lang"), "ru");
const langs = await page.$$eval("#instruments tbody tr td:nth-child(3)", (tds) => tds.map((td) => td.lang));
assert.deepEqual([...new Set(langs)], [""]);

// A narrower query hides the button again.
await page.fill("#q", "syn-007");
await answered("syn-007");
assert.deepEqual(await rows(), ["SYN-007"]);
assert.equal(await page.isVisible("#more"), false);

// A shard that cannot load: the search says the index failed, and lists
// nothing, rather than "0 match".
const meta = readFileSync(path.join(html, "search/meta.js"), "utf8");
const shards = JSON.parse(meta.slice(meta.indexOf("(") + 1, meta.lastIndexOf(")"))).shards;
for (const k of shards.filter((k) => k.startsWith("73-79"))) unlinkSync(path.join(html, "search", `w-${k}.js`));
await page.goto("file://" + path.resolve(html, "index.html"));
await page.fill("#q", "syn");
await answered("syn");
assert.equal(await page.textContent("#count"), messages.failed);
assert.deepEqual(await rows(), []);
assert.deepEqual(errors, []);
await browser.close();
console.log("search-more ok");
