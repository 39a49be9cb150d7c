import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ELEMENT_IDS, elementOfHeading, hasPhrase, recogniseCharter, wordString } from '../../src/documents/charter';
import { headingWords, parseMarkdown } from '../../src/documents/markdown';

const DIR = path.join(__dirname, '..', 'fixtures', 'real');

interface Labels {
  [file: string]: { kind: string; elements: Record<string, { present: boolean; lines?: number[] }> };
}

/**
 * Element recognition measured on real, public governance documents (test/fixtures/real/,
 * hand-labelled before the recogniser existed): precision and recall over every document ×
 * element decision, printed per element.
 */
describe('charter elements in real governance documents', () => {
  const labels = JSON.parse(fs.readFileSync(path.join(DIR, 'labels.json'), 'utf8')) as Labels;

  it('has at least 8 labelled real documents covering every element id', () => {
    assert.ok(Object.keys(labels).length >= 8);
    for (const [file, l] of Object.entries(labels)) {
      assert.deepEqual(Object.keys(l.elements).sort(), [...ELEMENT_IDS].sort(), file);
      assert.ok(fs.existsSync(path.join(DIR, file)), file);
    }
  });

  it('recognises the elements with precision and recall of at least 85 %', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const per = new Map<string, { tp: number; fp: number; fn: number }>(ELEMENT_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
    let located = 0;
    for (const [file, l] of Object.entries(labels)) {
      const found = recogniseCharter(parseMarkdown(fs.readFileSync(path.join(DIR, file), 'utf8')));
      for (const f of found) {
        const want = l.elements[f.id].present;
        const got = f.status !== 'missing';
        const p = per.get(f.id)!;
        if (want && got) {
          tp++;
          p.tp++;
          // Where it was found is one of the lines a person marked (or close to them).
          if (f.lines.some((x) => (l.elements[f.id].lines ?? []).some((y) => Math.abs(x - y) <= 2))) located++;
        } else if (got) {
          fp++;
          p.fp++;
        } else if (want) {
          fn++;
          p.fn++;
        }
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const rows = [...per].map(([id, p]) => `    ${id.padEnd(18)} precision ${(p.tp / Math.max(1, p.tp + p.fp)).toFixed(2)}  recall ${(p.tp / Math.max(1, p.tp + p.fn)).toFixed(2)}  (${p.tp} found, ${p.fp} wrong, ${p.fn} missed)`);
    console.log(`    ${Object.keys(labels).length} documents: precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %, located at a labelled line ${((located / tp) * 100).toFixed(0)} %\n${rows.join('\n')}`);
    assert.ok(precision >= 0.85, `precision ${precision}`);
    assert.ok(recall >= 0.85, `recall ${recall}`);
    assert.ok(located / tp >= 0.85, `located ${located / tp}`);
  });

  it('reads real headings: numbering is ignored and synonyms map to elements', () => {
    assert.equal(headingWords('Article 7 — Dissolution'), 'dissolution');
    assert.equal(headingWords('5.2 Voting'), 'voting');
    assert.equal(headingWords('III. Members'), 'members');
    const cases: [string, string | undefined][] = [
      ['Voting', 'decisions'],
      ['The Board', 'governance'],
      ['Amendments', 'review'],
      ['Dissolution and liquidation', 'exit'],
      ['Term of this MoU', 'scope'],
      ['6. Conflicts of interest', 'conflicts'],
      ['Membership and constituencies', 'membership'],
      ['Article 12: Secretariat', 'secretariat'],
      ['Acknowledgements', undefined],
    ];
    for (const [h, want] of cases) assert.equal(elementOfHeading(h), want, h);
  });
});

describe('charter words: the padded word string phrases are tested against', () => {
  const reference = (t: string) => ` ${(t.toLowerCase().normalize('NFKD').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `.replace(/^ {2}$/, ' ');
  it('gives the Unicode word split for ASCII text (its fast path) and for any other text', () => {
    const texts = [
      'The Board (11 seats) decides by a two-thirds majority; quorum: 7.',
      'co-chair, CO_CHAIR and co.chair — 3rd/4th',
      '',
      '   ',
      '---',
      'Café crème, İstanbul, Ωmega 2030',
      'WaterWorks\tCooperative\n140 village committees',
      'a',
      'x1y2 Z9!',
    ];
    for (const t of texts) assert.equal(wordString(t), reference(t), JSON.stringify(t));
  });
  it('finds phrases as whole words only', () => {
    assert.ok(hasPhrase(wordString('The Steering Board decides.'), 'steering board'));
    assert.ok(!hasPhrase(wordString('Boards of the steering-boardroom'), 'steering board'));
    assert.ok(hasPhrase(wordString('They withdraw with notice'), 'withdraw*'));
  });
});
