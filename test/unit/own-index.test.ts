import * as assert from 'node:assert/strict';
import { parseKnowledgeDoc } from '../../src/core/knowledge';
import { toSearchDoc } from '../../src/search/doc';
import { SearchEngine } from '../../src/search/engine';
import { OwnIndex } from '../../src/search/own-index';
import { stemTerm } from '../../src/search/text';
import { realKb } from '../fixtures/real-kb';

function entry(path: string, text: string, stamp = '1') {
  const r = parseKnowledgeDoc(text, { path, origin: 'workspace', fallbackId: path.split('/').pop()!.replace('.md', '') });
  assert.ok(r.doc);
  return { path, stamp, doc: toSearchDoc(r.doc), problems: r.problems };
}

describe('own-documents index', () => {
  it('stems like the bundled index and drops stop words', () => {
    assert.equal(stemTerm('Vaccines'), 'vaccin');
    assert.equal(stemTerm('the'), null);
  });

  it('adds, replaces and removes documents; search follows at once', () => {
    const idx = new OwnIndex();
    const engine = new SearchEngine([realKb().shard, idx]);
    idx.upsert(entry('file:///w/k/a.md', '# Pump repairs\n\nMaintenance funds for xylophonic pumps.\n'));
    assert.equal(engine.search('xylophonic')[0]?.title, 'Pump repairs');
    assert.equal(idx.upsert(entry('file:///w/k/a.md', '# Pump repairs\n\nsame', '1')), false, 'same stamp: nothing to do');
    idx.upsert(entry('file:///w/k/a.md', '# Pump repairs\n\nNow quinquennial reviews.\n', '2'));
    assert.equal(engine.search('xylophonic').length, 0);
    assert.equal(engine.search('quinquennial')[0]?.title, 'Pump repairs');
    assert.ok(idx.remove('file:///w/k/a.md'));
    assert.equal(engine.search('quinquennial').length, 0);
    assert.equal(idx.size, 0);
  });

  it('a removed document no longer counts in document frequencies: scores equal a fresh index without it', () => {
    const a = entry('file:///w/k/a.md', '# Board notes\n\nBoard seats per constituency, reviewed yearly.\n');
    const b = entry('file:///w/k/b.md', '# Temporary\n\nBoard seats, constituency, board, seats, constituency.\n');
    const churned = new OwnIndex();
    churned.upsert(a);
    churned.upsert(b);
    churned.remove(b.path);
    const fresh = new OwnIndex();
    fresh.upsert(a);
    assert.equal(churned.documentFrequency('seat'), fresh.documentFrequency('seat'));
    const scores = (idx: OwnIndex) => new SearchEngine([realKb().shard, idx]).search('board seats constituency', { limit: 10 }).map((r) => `${r.ref} ${r.score.toFixed(6)}`);
    assert.deepEqual(scores(churned), scores(fresh));
  });

  it('merges with the bundled results, applies filters, and matches typos and prefixes', () => {
    const idx = new OwnIndex();
    idx.upsert(entry('file:///w/k/gavi-notes.md', '---\nkind: note\ntitle: Our Gavi notes\n---\n\nGavi co-financing lessons for our vaccine alliance charter.\n'));
    const engine = new SearchEngine([realKb().shard, idx]);
    const refs = engine.search('Gavi', { limit: 5 }).map((r) => r.ref);
    assert.ok(refs.includes('hub:gavi'));
    assert.ok(refs.some((r) => r.startsWith('note:gavi-notes@')));
    assert.deepEqual(engine.search('kind:note Gavi').map((r) => r.kind), ['note']);
    assert.ok(engine.search('co-financin').some((r) => r.title === 'Our Gavi notes'), 'prefix on the last word');
    assert.ok(engine.search('lesons charter').some((r) => r.title === 'Our Gavi notes'), 'typo');
    assert.ok(engine.moreLikeThis('hub:gavi', 10).some((r) => r.title === 'Our Gavi notes'));
  });

  it('persists and restores; a damaged or old file gives a working index', () => {
    const idx = new OwnIndex();
    for (let i = 0; i < 30; i++) idx.upsert(entry(`file:///w/k/n${i}.md`, `# Note ${i}\n\nword${i} common text\n`));
    const restored = OwnIndex.fromJSON(JSON.parse(JSON.stringify(idx.toJSON())));
    assert.equal(restored.size, 30);
    assert.equal(restored.entry('file:///w/k/n7.md')?.stamp, '1');
    assert.equal(new SearchEngine([restored]).search('word7')[0]?.title, 'Note 7');
    restored.upsert(entry('file:///w/k/n7.md', '# Note 7\n\nchanged\n', '2'));
    assert.equal(new SearchEngine([restored]).search('word7').length, 0);
    for (const bad of [null, {}, { version: 99 }, { version: 2, entries: 'x', mini: {} }, { version: 2, entries: idx.toJSON().entries, mini: { garbage: true } }]) {
      const r = OwnIndex.fromJSON(bad);
      assert.ok(r instanceof OwnIndex);
    }
    const rebuilt = OwnIndex.fromJSON({ version: 2, entries: idx.toJSON().entries, mini: { garbage: true } });
    assert.equal(rebuilt.size, 30, 'rebuilt from entries when the stored index is unusable');
  });

  it('keeps two files with the same id apart', () => {
    const idx = new OwnIndex();
    idx.upsert(entry('file:///w/a/x.md', '---\nid: same\ntitle: First\n---\nalpha\n'));
    idx.upsert(entry('file:///w/b/x.md', '---\nid: same\ntitle: Second\n---\nalpha\n'));
    assert.equal(idx.size, 2);
    assert.equal(new SearchEngine([idx]).search('alpha').length, 2);
  });
});
