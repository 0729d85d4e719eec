// Shared pieces of the screenshot renderer: HTML escaping, the offline avatar, and headless Chromium. Chromium runs
// twice per page: once to measure the content height (--dump-dom after a script writes it into the DOM), then to
// take a screenshot of exactly that size. No network: every asset is inline.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** paperboy's avatar: a newspaper on HF yellow, inline SVG so nothing is fetched. */
export function avatar(size: number, radius: string): string {
  return `<div style="width:${size}px;height:${size}px;border-radius:${radius};background:#ffd21e;display:flex;align-items:center;justify-content:center;font-size:${Math.round(size * 0.55)}px;flex:none">📰</div>`;
}

/** A stand-in for Hugging Face's social thumbnail (the CDN is not reachable offline). */
export function thumbnail(id: string, size: number): string {
  return `<div style="width:${size}px;height:${size}px;border-radius:4px;background:linear-gradient(135deg,#fff6d5,#ffd21e);display:flex;flex-direction:column;align-items:center;justify-content:center;color:#5c4a00;font:600 11px sans-serif;flex:none"><div style="font-size:${Math.round(size * 0.4)}px">🤗</div>${escapeHtml(id)}</div>`;
}

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--hide-scrollbars",
  "--force-device-scale-factor=1",
];

const MEASURE = `<script>addEventListener("load",()=>{document.body.setAttribute("data-height",String(Math.ceil(document.body.getBoundingClientRect().bottom)))})</script>`;

/** Renders `html` at `width` px and writes a PNG of its full height to `out`. */
export function screenshot(html: string, width: number, out: string, chromium = process.env.CHROMIUM ?? "chromium"): void {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-shot-"));
  const file = join(dir, "page.html");
  writeFileSync(file, html.replace("</body>", `${MEASURE}</body>`));
  const dom = execFileSync(chromium, [...CHROMIUM_FLAGS, `--window-size=${width},200`, "--dump-dom", `file://${file}`], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? "1200");
  execFileSync(chromium, [...CHROMIUM_FLAGS, `--window-size=${width},${height}`, `--screenshot=${out}`, `file://${file}`], {
    stdio: "ignore",
  });
}

/** A full HTML document. */
export function documentOf(title: string, css: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${css}</style></head><body>${body}</body></html>`;
}
