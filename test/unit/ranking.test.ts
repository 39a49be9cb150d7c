import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseKnowledgeDoc } from '../../src/core/knowledge';
import { toSearchDoc } from '../../src/search/doc';
import { corrections, planQuery, proximityFactor, SearchEngine } from '../../src/search/engine';
import { Shard } from '../../src/search/lunr-index';
import { OwnIndex } from '../../src/search/own-index';
import { synonymsOf } from '../../src/search/synonyms';
import { boundedPrefixDistance, stem } from '../../src/search/text';
import { realKb } from '../fixtures/real-kb';

const SAMPLES = path.join(__dirname, '..', '..', 'samples', 'knowledge');

/** The bundled knowledge base plus the samples' own notes, as the editor and the CLI search them. */
function withSamples(): SearchEngine {
  const own = new OwnIndex();
  for (const f of fs.readdirSync(SAMPLES).filter((n) => n.endsWith('.md'))) {
    const uri = `file:///samples/knowledge/${f}`;
    const r = parseKnowledgeDoc(fs.readFileSync(path.join(SAMPLES, f), 'utf8'), { path: uri, origin: 'workspace', fallbackId: f.replace(/\.md$/, '') });
    if (r.doc) own.upsert({ path: uri, stamp: '1', doc: toSearchDoc(r.doc) });
  }
  assert.ok(own.size >= 1, 'the samples have own notes');
  return new SearchEngine([realKb().shard, own]);
}

describe('one scale for bundled and own documents', () => {
  const engine = withSamples();
  const refs = (q: string, n = 10) => engine.search(q, { limit: n }).map((r) => r.ref);
  const rank = (list: string[], pred: (r: string) => boolean) => list.findIndex(pred);

  it('"how did gavi fund vaccines" puts Gavi first, above the samples\' Field visit notes', () => {
    const got = refs('how did gavi fund vaccines', 50);
    assert.equal(got[0], 'hub:gavi', got.join(', '));
    const notes = rank(got, (r) => r.startsWith('note:riverlands-field-visit@'));
    assert.ok(notes === -1 || notes > 0, got.join(', '));
  });

  it('More Like This on Gavi lists hubs and principles before the unrelated field notes', () => {
    const similar = engine.moreLikeThis('hub:gavi', 8).map((r) => r.ref);
    assert.ok(!similar.slice(0, 5).some((r) => r.startsWith('note:')), similar.join(', '));
    assert.ok(similar.slice(0, 3).some((r) => ['hub:cepi', 'hub:gpei', 'hub:global-fund'].includes(r)), similar.join(', '));
  });

  it('a strong own match still wins where it is the best answer', () => {
    assert.ok(refs('maintenance funds village pumps', 1)[0].startsWith('note:riverlands-field-visit@'));
  });

  it('"country coordinating mechanism" puts the Global Fund first (exact phrase and its acronym, CCM)', () => {
    assert.equal(refs('country coordinating mechanism')[0], 'hub:global-fund');
  });

  it('counts each document once for the idf, in both index types, so common title words still count', () => {
    const { bundle } = realKb();
    const docs = bundle.docs.slice(0, 12).map(toSearchDoc);
    const shard = Shard.build(docs);
    const own = new OwnIndex();
    docs.forEach((d, i) => own.upsert({ path: `file:///d${i}.md`, stamp: '1', doc: d }));
    for (const term of ['global', 'fund', 'govern', 'vaccin', 'secretariat']) {
      const inDocs = docs.filter((d) => shard.termWeight(d, term) > 0).length;
      assert.equal(shard.documentFrequency(term), inDocs, term);
      assert.equal(own.documentFrequency(term), inDocs, term);
    }
  });
});

describe('phrases, synonyms and spelling corrections', () => {
  it('an exact phrase scores above the same words far apart, and more with its acronym', () => {
    const doc = (text: string) => toSearchDoc({ id: 'x', kind: 'note', origin: 'workspace', path: '/x.md', title: 'X', summary: '', questions: [], body: '', bodyLine: 1, headings: [], sources: [], links: [], text });
    const plan = planQuery(['country', 'coordinating', 'mechanism'], () => true);
    const apart = proximityFactor(doc('The country has a board. Coordinating is hard. A mechanism exists.'), plan);
    const phrase = proximityFactor(doc('The Country Coordinating Mechanism writes requests.'), plan);
    const acronym = proximityFactor(doc('The Country Coordinating Mechanism (CCM) writes requests. The CCM oversees grants; CCMs must seat communities.'), plan);
    assert.ok(phrase > apart, `${phrase} > ${apart}`);
    assert.ok(acronym > phrase, `${acronym} > ${phrase}`);
    // The acronym alone, without the phrase that defines it, is not credited.
    assert.equal(proximityFactor(doc('The CCM and the CCMs.'), plan), 1);
  });

  it('matches a misspelt word against the beginning of the right stem', () => {
    assert.equal(boundedPrefixDistance('sanitaton', 'sanit', 2), 0);
    assert.equal(boundedPrefixDistance('goverment', 'govern', 2), 1);
    assert.ok(boundedPrefixDistance('goverment', 'polici', 2) > 2);
    const found = corrections('sanitaton', ['sanit', 'sanitari', 'salari', 'sa']).map((c) => c.stem);
    assert.deepEqual(found.slice(0, 1), ['sanit']);
    assert.ok(!found.includes('sa') && !found.includes('salari'));
  });

  it('expands "money" to funding and "board" to governance, at a lower weight than the word itself', () => {
    assert.ok(synonymsOf(stem('money')).includes(stem('funding')));
    assert.ok(synonymsOf(stem('board')).includes(stem('governance')));
    assert.ok(!synonymsOf(stem('vaccine')).includes('immun'), 'immunization stems like immunity: left out');
    const { engine } = realKb();
    const [t] = planQuery(['money'], (s) => engine.known(s));
    assert.ok(t.alternatives!.every((a) => a.weight < 1));
  });
});
