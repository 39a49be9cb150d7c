import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { compileKnowledge } from '../../src/core/kb';
import { toSearchDoc } from '../../src/search/doc';
import { Shard } from '../../src/search/lunr-index';
import { BUNDLE_FILE, INDEX_FILE } from '../../src/store/bundle';
import { realKb } from '../fixtures/real-kb';
import { hubText, miniKb } from '../fixtures/mini-kb';
import { readAuditPending, readCitationPolicy, readMarkdownTree } from '../../src/platform/node-fs';

async function run(args: string[], distDir: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') }, distDir);
  return { code, out, err };
}

describe('CLI', () => {
  let dist: string;
  before(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-cli-'));
    const { bundle, shard } = realKb();
    fs.writeFileSync(path.join(dist, BUNDLE_FILE), JSON.stringify(bundle));
    fs.writeFileSync(path.join(dist, INDEX_FILE), JSON.stringify(shard.toJSON()));
  });
  after(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('search --json prints ranked {id, kind, title, score}', async () => {
    const r = await run(['search', 'GEAPP', '--json', '--limit', '3'], dist);
    assert.equal(r.code, 0);
    const rows = JSON.parse(r.out) as { id: string; kind: string; title: string; score: number }[];
    assert.ok(rows.length >= 1 && rows.length <= 3);
    assert.equal(rows[0].id, 'geapp');
    assert.deepEqual(Object.keys(rows[0]).sort(), ['id', 'kind', 'score', 'title']);
    assert.ok(rows.every((x, i) => i === 0 || rows[i - 1].score >= x.score));
  });

  it('search prints readable results and exits 0 with no results', async () => {
    const r = await run(['search', 'homeless'], dist);
    assert.equal(r.code, 0);
    assert.match(r.out, /^ 1\. Community Solutions/m);
    const none = await run(['search', 'qqqqzzzzxxxx'], dist);
    assert.equal(none.code, 0);
    assert.match(none.out, /No results/);
    assert.equal(JSON.parse((await run(['search', 'qqqqzzzzxxxx', '--json'], dist)).out).length, 0);
  });

  it('search --knowledge adds own folders; problems go to stderr, not failures', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-own-'));
    fs.writeFileSync(path.join(dir, 'a.md'), '# Zanzibar cooperative notes\n\nMaintenance funds for village pumps.\n');
    fs.writeFileSync(path.join(dir, 'bad.md'), '---\ntitle: [oops\n---\nx\n');
    const r = await run(['search', 'zanzibar', '--json', '--knowledge', dir], dist);
    assert.equal(r.code, 0);
    const rows = JSON.parse(r.out);
    assert.equal(rows[0].title, 'Zanzibar cooperative notes');
    assert.equal(rows[0].kind, 'note');
    assert.match(r.err, /bad\.md:\d+: front matter: invalid YAML/);
    const missing = await run(['search', 'x', '--knowledge', path.join(dir, 'nope')], dist);
    assert.equal(missing.code, 0);
    assert.match(missing.err, /knowledge folder not found/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects bad arguments with exit 2 and a usage message', async () => {
    assert.equal((await run(['search', 'x', '--limit', 'abc'], dist)).code, 2);
    assert.equal((await run(['frobnicate'], dist)).code, 2);
    assert.match((await run(['frobnicate'], dist)).err, /unknown command/);
    assert.equal((await run(['--help'], dist)).code, 0);
    assert.equal((await run(['search', 'x'], path.join(dist, 'missing'))).code, 2);
  });

  it('build-knowledge fails on a bad document with file:line: field: message and writes nothing', async () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-kb-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-out-'));
    for (const f of miniKb()) {
      fs.mkdirSync(path.join(src, path.dirname(f.path)), { recursive: true });
      fs.writeFileSync(path.join(src, f.path), f.text);
    }
    fs.writeFileSync(path.join(src, 'hubs/alpha.md'), hubText('alpha', { sdgs: '[3, 99]' }));
    const r = await run(['build-knowledge', src, out], dist);
    assert.equal(r.code, 1);
    assert.match(r.err, /hubs\/alpha\.md:\d+: sdgs\[1\]: must be an SDG number from 1 to 17/);
    assert.equal(fs.existsSync(path.join(out, BUNDLE_FILE)), false);
    fs.rmSync(src, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('the real knowledge base compiles without errors (the build gate)', () => {
    const root = path.join(__dirname, '..', '..', 'knowledge');
    const { problems } = compileKnowledge(realKbSources(), readCitationPolicy(root), { pending: readAuditPending(root) });
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.ok(Shard.build(realKb().bundle.docs.map(toSearchDoc)).size >= 32);
  });
});

function realKbSources() {
  return readMarkdownTree(path.join(__dirname, '..', '..', 'knowledge'));
}
