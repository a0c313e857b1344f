import { chromium } from "playwright-core";
import path from "node:path";
const html = process.argv[2], q = process.argv[3] || "trade";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
for (let k = 0; k < 3; k++) {
  const page = await browser.newPage();
  await page.goto("file://" + path.resolve(html, "index.html"), { waitUntil: "load" });
  const r = await page.evaluate((q) => new Promise((resolve) => {
    const log = []; const t0 = performance.now();
    const orig = document.head.appendChild.bind(document.head);
    document.head.appendChild = (el) => { const t = performance.now() - t0; el.addEventListener("load", () => log.push([el.src.split("/").pop(), Math.round(t), Math.round(performance.now() - t0)])); return orig(el); };
    const table = document.getElementById("instruments");
    const seen = new MutationObserver(() => { if (table.dataset.query !== q) return; seen.disconnect(); const done = performance.now() - t0; requestAnimationFrame(() => setTimeout(() => resolve({ done: Math.round(done), painted: Math.round(performance.now() - t0), n: log.length, first: log.slice(0, 3), last: log.slice(-2) }))); });
    seen.observe(table, { attributes: true, attributeFilter: ["data-query"] });
    const input = document.getElementById("q"); input.value = q; input.dispatchEvent(new Event("input", { bubbles: true }));
  }), q);
  console.log(JSON.stringify(r));
  await page.close();
}
await browser.close();
