import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'riverlands-theory-of-change.md');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

describe('CLI: impact-hubs diagram', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-diagram-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints a standalone SVG by default, Mermaid with --format mermaid', async () => {
    const svg = await run(['diagram', SAMPLE]);
    assert.equal(svg.code, 0, svg.err);
    assert.match(svg.out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="toc-diagram toc-standalone"/);
    assert.equal((svg.out.match(/class="toc-node /g) ?? []).length, 10);
    assert.equal(svg.err, '');
    const mmd = await run(['diagram', SAMPLE, '--format', 'mermaid']);
    assert.equal(mmd.code, 0);
    assert.match(mmd.out, /^flowchart BT\n/);
  });

  it('writes SVG, PNG (a real PNG from the rasteriser) and fenced Mermaid to -o files', async () => {
    const png = path.join(dir, 'toc.png');
    const r = await run(['diagram', SAMPLE, '-o', png]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /10 boxes, 11 arrows/);
    const bytes = fs.readFileSync(png);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width from the IHDR chunk: twice the SVG's width.
    const svg = (await run(['diagram', SAMPLE])).out;
    const width = Number(/ width="(\d+)"/.exec(svg)![1]);
    assert.equal(bytes.readUInt32BE(16), 2 * width);
    const md = path.join(dir, 'toc.md');
    assert.equal((await run(['diagram', SAMPLE, '--format', 'mermaid', '-o', md])).code, 0);
    assert.match(fs.readFileSync(md, 'utf8'), /^```mermaid\nflowchart BT\n[\s\S]*```\n$/);
  });

  it('lists notation problems on stderr with file:line, and still draws', async () => {
    const bad = path.join(dir, 'bad.md');
    fs.writeFileSync(bad, '## Long-term goal\nG\n## Outcomes pathway\n- A {#a}\n- B {#a}\n## Interventions\n- X → zz\n');
    const r = await run(['diagram', bad]);
    assert.equal(r.code, 0);
    assert.match(r.err, /bad\.md:5: The id "a" is already used on line 4.*\[duplicate-id\]/);
    assert.match(r.err, /bad\.md:7: There is no outcome or intervention with the id "zz"\. \[dangling-reference\]/);
    assert.match(r.out, /<svg /);
  });

  it('exits 2 on usage and I/O errors', async () => {
    assert.equal((await run(['diagram'])).code, 2);
    assert.equal((await run(['diagram', SAMPLE, SAMPLE])).code, 2);
    assert.equal((await run(['diagram', SAMPLE, '--format', 'gif'])).code, 2);
    assert.equal((await run(['diagram', SAMPLE, '--format', 'png'])).code, 2, 'PNG needs -o');
    assert.equal((await run(['diagram', SAMPLE, '--colour'])).code, 2);
    const missing = await run(['diagram', path.join(dir, 'missing.md')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read .*missing\.md: ENOENT/);
    const unwritable = await run(['diagram', SAMPLE, '-o', path.join(dir, 'no', 'such', 'dir', 'x.svg')]);
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.err, /cannot write/);
  });
});
