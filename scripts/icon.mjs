// Renders the extension icon (media/icon.png, 128×128, for the Extensions view and the Welcome
// page) from the Activity Bar icon media/impact-hubs.svg: the same glyph, white on a coloured
// rounded square, rasterised by Chromium (playwright-core + Debian's chromium, no download).
// The PNG is committed; it records the SHA-256 of the SVG it was made from in a tEXt chunk, and
// test/unit/listing.test.ts fails when the SVG changes without `node scripts/icon.mjs`.
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { ROOT } from './code-server.mjs';

const SVG = join(ROOT, 'media', 'impact-hubs.svg');
const OUT = join(ROOT, 'media', 'icon.png');
const svg = readFileSync(SVG, 'utf8');
const hash = createHash('sha256').update(svg).digest('hex');

// The glyph drawn in white, 84 px wide, centred on a 128 px rounded square.
const glyph = svg.replace(/stroke="currentColor"/, 'stroke="#ffffff"').replace(/width="24" height="24"/, 'width="84" height="84"');
const html = `<!DOCTYPE html><html><head><style>
html,body{margin:0;background:transparent}
.icon{width:128px;height:128px;border-radius:24px;display:flex;align-items:center;justify-content:center;
background:linear-gradient(145deg,#1f7a8c 0%,#155e75 100%)}
</style></head><body><div class="icon">${glyph}</div></body></html>`;

/** Inserts a tEXt chunk (keyword, text) before the PNG's IEND chunk. */
function withText(png, keyword, text) {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const type = Buffer.from('tEXt', 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0);
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), len, type, data, crc, png.subarray(iend)]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const png = await page.locator('.icon').screenshot({ omitBackground: true });
  writeFileSync(OUT, withText(png, 'impact-hubs:source-svg-sha256', hash));
  console.log(`media/icon.png: 128×128 from media/impact-hubs.svg (sha256 ${hash.slice(0, 12)}…)`);
} finally {
  await browser.close();
}
