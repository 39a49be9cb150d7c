import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { main } from '../../src/cli';
import { BUNDLE_FILE, INDEX_FILE } from '../../src/store/bundle';
import { ChromiumPdf, browserCandidates, browserName, findBrowser } from '../../src/platform/chromium-pdf';
import { realKb } from '../fixtures/real-kb';

const ROOT = path.join(__dirname, '..', '..');

async function run(args: string[], distDir: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') }, distDir);
  return { code, out, err };
}

describe('CLI: impact-hubs export', () => {
  let dist: string;
  let dir: string;
  before(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-exp-dist-'));
    const { bundle, shard } = realKb();
    fs.writeFileSync(path.join(dist, BUNDLE_FILE), JSON.stringify(bundle));
    fs.writeFileSync(path.join(dist, INDEX_FILE), JSON.stringify(shard.toJSON()));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-exp-'));
    fs.copyFileSync(path.join(ROOT, 'samples', 'riverlands-charter.md'), path.join(dir, 'charter.md'));
  });
  after(() => {
    fs.rmSync(dist, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a .docx beside the file by default, with the references resolved, and exits 0', async () => {
    const r = await run(['export', path.join(dir, 'charter.md')], dist);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /wrote .*charter\.docx \(Word \(\.docx\), \d+ KB; 1 footnote, 4 knowledge-base pages cited\)/);
    const zip = unzipSync(fs.readFileSync(path.join(dir, 'charter.docx')));
    assert.match(strFromU8(zip['word/document.xml']), /Community Solutions and Built for Zero/);
    assert.match(strFromU8(zip['word/footnotes.xml']), /knowledge\/hubs\/community-solutions\.md/);
  });

  it('takes the format from -o, never replaces a file without --force, and reads unknown references', async () => {
    fs.writeFileSync(path.join(dir, 'x.md'), '---\ntype: hub-charter\nhub: X\n---\n\nSee [[hub:nowhere]].\n');
    const out = path.join(dir, 'x.html');
    assert.equal((await run(['export', path.join(dir, 'x.md'), '-o', out], dist)).code, 0);
    assert.match(fs.readFileSync(out, 'utf8'), /^<!DOCTYPE html>/);
    fs.writeFileSync(out, 'mine');
    const again = await run(['export', path.join(dir, 'x.md'), '-o', out], dist);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists; it was left unchanged \(use --force/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'mine');
    const forced = await run(['export', path.join(dir, 'x.md'), '-o', out, '--force'], dist);
    assert.equal(forced.code, 0);
    assert.match(forced.err, /x\.md:6: unknown reference \[\[hub:nowhere\]\], left as text/);
  });

  it('reports template prompts with file:line; --strict fails the export and writes nothing', async () => {
    const md = path.join(dir, 'draft.md');
    fs.writeFileSync(md, '---\ntype: hub-charter\n---\n\n## 3. Purpose and goal\n\n*By <date>, <number> <population> will <measurable change>.*\n');
    const strict = await run(['export', md, '--strict'], dist);
    assert.equal(strict.code, 1);
    assert.match(strict.err, /draft\.md:7: template prompt in "3\. Purpose and goal"/);
    assert.match(strict.err, /1 section still holds template prompts/);
    assert.equal(fs.existsSync(path.join(dir, 'draft.docx')), false);
    assert.equal((await run(['export', md], dist)).code, 0, 'without --strict it exports and warns');
  });

  it('exits 1 for front matter that is code, 2 for usage and I/O errors', async () => {
    const js = path.join(dir, 'js.md');
    fs.writeFileSync(js, '---js\n{ type: (() => "x")() }\n---\n# T\n');
    const bad = await run(['export', js], dist);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /js\.md:1: front matter: front matter in "js" is not allowed/);
    assert.equal((await run(['export'], dist)).code, 2);
    assert.equal((await run(['export', path.join(dir, 'missing.md')], dist)).code, 2);
    assert.equal((await run(['export', js, '--format', 'odt'], dist)).code, 2);
    assert.equal((await run(['export', js, '-o', js, '--force'], dist)).code, 2, 'never writes over its own input');
  });

  it('finds a browser for PDF in the usual places, or the one named', () => {
    assert.ok(browserCandidates('linux', {}).includes('/usr/bin/chromium'));
    assert.equal(browserName('/usr/bin/chromium'), 'Chromium');
    assert.equal(browserName('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'), 'Microsoft Edge');
    assert.equal(browserName('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'), 'Google Chrome');
    assert.ok(browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' }).some((p) => p.endsWith('msedge.exe')));
    assert.ok(browserCandidates('darwin', { HOME: '/Users/a' }).some((p) => p.includes('Google Chrome.app')));
    const fake = path.join(dir, 'my-chrome');
    fs.writeFileSync(fake, '');
    assert.equal(findBrowser(fake, {}, 'linux'), fake);
    assert.equal(findBrowser(undefined, { IMPACT_HUBS_BROWSER: fake }, 'linux'), fake);
    assert.equal(findBrowser(path.join(dir, 'nope'), {}, 'win32'), undefined);
  });

  it('prints a PDF with headless Chromium where it is installed', async function () {
    const browser = findBrowser();
    if (!browser) this.skip();
    this.timeout(90000);
    const r = await run(['export', path.join(dir, 'charter.md'), '--format', 'pdf'], dist);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(path.join(dir, 'charter.pdf')).subarray(0, 5).toString(), '%PDF-');
    await assert.rejects(new ChromiumPdf(path.join(dir, 'my-chrome-missing')).render('<p>x</p>'), /could not print the PDF/);
  });
});
