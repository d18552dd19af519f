// Draws the app's icons in public/ from public/icon.svg, once, when the icon changes (the
// results are committed; nothing is generated at build time):
//   npx tsx scripts/make-icons.ts
// Chromium renders the SVG: favicon.ico holds 16, 32 and 48 px PNGs, apple-touch-icon.png is
// 180 px on the icon's own blue with square corners (iOS rounds them itself).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const PUBLIC = path.join(process.cwd(), "public");
const svg = readFileSync(path.join(PUBLIC, "icon.svg"), "utf8");
// The icon's first fill, its blue background.
const BRAND = /fill="(#[0-9a-f]{6})"/i.exec(svg)?.[1];
if (!BRAND) throw new Error("public/icon.svg has no fill colour to put behind the Apple icon");

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
async function render(size: number, background: string): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0;background:${background}"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}" width="${size}" height="${size}" style="display:block"></body>`);
  const png = await page.screenshot({ omitBackground: background === "transparent" });
  await page.close();
  return png;
}

// An ICO file may hold PNG images as they are: a 6-byte header, a 16-byte entry per image, the images.
function toIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size, 0);
    entry.writeUInt8(size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const small = await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await render(size, "transparent") })));
writeFileSync(path.join(PUBLIC, "favicon.ico"), toIco(small));
// The apple icon: the SVG's rounded corners filled with its own blue.
writeFileSync(path.join(PUBLIC, "apple-touch-icon.png"), await render(180, BRAND));
await browser.close();
