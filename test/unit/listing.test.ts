import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  icon?: string;
  scripts: Record<string, string>;
  contributes: { commands: { command: string; title: string; category?: string }[]; configuration: { properties: Record<string, unknown> } };
};

/** PNG chunks: type → data. */
function pngChunks(buf: Buffer): { type: string; data: Buffer }[] {
  assert.equal(buf.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG file');
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    out.push({ type: buf.toString('latin1', at + 4, at + 8), data: buf.subarray(at + 8, at + 8 + len) });
    at += 12 + len;
  }
  return out;
}

/** The rows of the Markdown table under a `## heading`: first cells. */
function tableFirstCells(md: string, heading: string): string[] {
  const at = md.indexOf(`\n## ${heading}\n`);
  assert.ok(at >= 0, `the details page has a "${heading}" section`);
  const section = md.slice(at + heading.length + 5).split('\n## ')[0];
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
    .slice(1)
    .map((l) => l.split(' | ')[0].replace(/^\| /, '').replace(/`/g, '').trim());
}

describe('the listing: icon, details page and VSIX contents', () => {
  it('has a 128×128 PNG icon rendered from media/impact-hubs.svg (node scripts/icon.mjs after changing the SVG)', () => {
    assert.equal(pkg.icon, 'media/icon.png');
    const chunks = pngChunks(fs.readFileSync(path.join(ROOT, pkg.icon)));
    const ihdr = chunks.find((c) => c.type === 'IHDR')!;
    assert.equal(ihdr.data.readUInt32BE(0), 128);
    assert.equal(ihdr.data.readUInt32BE(4), 128);
    const text = chunks.find((c) => c.type === 'tEXt' && c.data.toString('latin1').startsWith('impact-hubs:source-svg-sha256\0'));
    assert.ok(text, 'the PNG names the SVG it was rendered from');
    const recorded = text.data.toString('latin1').split('\0')[1];
    assert.equal(recorded, createHash('sha256').update(read('media/impact-hubs.svg')).digest('hex'), 'media/icon.png is older than media/impact-hubs.svg: run node scripts/icon.mjs');
  });

  it('ships a details page for policy writers, pictures first, whose commands and settings match the manifest', () => {
    assert.match(read('scripts/package.mjs'), /'--readme-path', DETAILS_PAGE/);
    assert.match(read('scripts/package.mjs'), /DETAILS_PAGE = 'docs\/details-page\.md'/);
    assert.equal(pkg.scripts.package, 'node scripts/package.mjs');
    const md = read('docs/details-page.md');
    const firstSection = md.indexOf('\n## ');
    assert.ok(/!\[[^\]]+\]\([^)]+\.png\)/.test(md.slice(0, firstSection)), 'pictures come before the first section');
    assert.doesNotMatch(md.slice(0, firstSection), /npm |bash |setup\.sh/, 'no developer set-up at the top');
    const commands = pkg.contributes.commands.map((c) => `${c.category ? `${c.category}: ` : ''}${c.title}`);
    assert.deepEqual(tableFirstCells(md, 'Commands'), commands);
    assert.deepEqual(tableFirstCells(md, 'Settings'), Object.keys(pkg.contributes.configuration.properties));
    for (const m of md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(fs.existsSync(path.join(ROOT, 'docs', m[1])), `picture ${m[1]} exists`);
  });

  it('keeps README pictures and the repository README out of the VSIX', () => {
    const ignore = read('.vscodeignore').split('\n').map((l) => l.trim());
    assert.ok(ignore.includes('media/screenshots/**'));
    // vsce applies every "!" line after the ignores, so nothing may re-include the screenshots.
    assert.ok(!ignore.some((l) => l === '!media/**' || l.startsWith('!media/screenshots')), 'no line brings the screenshots back');
    assert.ok(!ignore.includes('!README.md'), 'the details page is the VSIX README');
    assert.ok(ignore.includes('!dist/extension.js'), 'the extension (both hosts) is packaged');
  });
});
