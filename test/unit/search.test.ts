import * as assert from 'node:assert/strict';
import { parseQuery, MAX_TERMS } from '../../src/search/query';
import { toSearchDoc } from '../../src/search/doc';
import { SearchEngine } from '../../src/search/engine';
import { Shard } from '../../src/search/lunr-index';
import { makeSnippet, wordMatcher } from '../../src/search/snippet';
import { realKb } from '../fixtures/real-kb';

describe('query parsing', () => {
  it('reads words, drops query-language punctuation, keeps known filters only', () => {
    assert.deepEqual(parseQuery('Gavi: vaccines').terms, ['gavi', 'vaccines']);
    assert.deepEqual(parseQuery('Gavi: vaccines').filters, {});
    const q = parseQuery('kind:hub sdg:3 principle:narrow-goal vaccines foo:bar');
    assert.deepEqual(q.filters, { kind: ['hub'], sdg: ['3'], principle: ['narrow-goal'] });
    assert.deepEqual(q.terms, ['vaccines', 'foo', 'bar']);
    assert.deepEqual(parseQuery('sdg:99').filters, {});
    assert.deepEqual(parseQuery('type:principles').filters, { kind: ['principle'] });
  });

  it('caps very long input', () => {
    const q = parseQuery('word '.repeat(2000));
    assert.ok(q.terms.length <= MAX_TERMS);
    const long = parseQuery('x'.repeat(10000));
    assert.ok(long.truncated);
    assert.ok(long.terms[0].length <= 40);
  });

  it('keeps acronyms with dots and apostrophes as one word', () => {
    assert.deepEqual(parseQuery("U.N. women's").terms, ['un', 'womens']);
  });
});

describe('search engine: no query ever throws', () => {
  const { engine } = realKb();
  const hostile = ['Gavi: vaccines', '~', '^', '+', '-', '*', ':', '*:*', 'title:gavi', 'gavi~2', 'gavi^10', '+gavi -vaccine', '"quoted phrase"', '\\', '[[hub:gavi]]', '\u0000', '🙂', 'Ωμέγα', '中文', 'a'.repeat(10000), ' '.repeat(50), '\n\t', 'kind:', ':hub', '---', '%s %d', '<script>alert(1)</script>', 'constructor', '__proto__', 'toString',
    // Issue 11: long unknown words, huge headings, brackets, blank lines, control characters, UTF-16.
    'abcdefghijklmnopqrstuvwxyzabcdefghijklmn', 'qwertyuiopasdfghjklzxcvbnmqwertyuiopasdf '.repeat(12), `# a${' '.repeat(4000)}b`, '['.repeat(100000), '[['.repeat(5000), '\n'.repeat(60000),
    '\u001b]0;owned\u0007\u001b[31m gavi', '\u0000'.repeat(100), '\ufffd\u0000g\u0000a\u0000v\u0000i', 'İstanbul vaccines', 'kind:hub '.repeat(100)];

  for (const q of hostile) {
    it(`handles ${JSON.stringify(q.length > 30 ? q.slice(0, 30) + '…' : q)}`, () => {
      const r = engine.search(q);
      assert.ok(Array.isArray(r));
    });
  }

  it('survives 5,000 random strings built from query-syntax characters and words', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['~', '^', '+', '-', '*', ':', '"', "'", '\\', '/', '(', ')', '[', ']', '{', '}', ' ', ' ', 'é', '\u200b', '1', '2', 'gavi', 'hub', 'kind', 'sdg', 'vaccine', 'zero', 'asia', 'the', 'of', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn', '[[', '\u001b[31m', '\u0000', 'İ', '\ufeff'];
    let withResults = 0;
    for (let i = 0; i < 5000; i++) {
      let q = '';
      const len = 1 + rand(12);
      for (let j = 0; j < len; j++) q += alphabet[rand(alphabet.length)];
      const r = engine.search(q, { limit: 5 });
      assert.ok(Array.isArray(r), q);
      if (r.length) withResults++;
    }
    assert.ok(withResults > 1000, `most random queries with real words find something (${withResults})`);
  });

  it('treats non-string input as an empty query', () => {
    for (const v of [undefined, null, 42, {}, []]) assert.ok(engine.search(v).length > 0);
  });
});

/** Every hub: its name, its acronym (or other common name) and its signature mechanism. */
const HUB_QUERIES: Record<string, [string, string, string]> = {
  agra: ['Alliance for a Green Revolution in Africa', 'AGRA', 'doubling yields and incomes of smallholder farmers'],
  'agroecology-india': ['Andhra Pradesh Community-managed Natural Farming', 'ZBNF', 'Rythu Sadhikara Samstha community resource persons'],
  'alliance-8-7': ['Alliance 8.7', '8.7 alliance', 'pathfinder countries forced labour modern slavery'],
  cepi: ['Coalition for Epidemic Preparedness Innovations', 'CEPI', '100 days mission vaccines'],
  cgiar: ['Consultative Group on International Agricultural Research', 'CGIAR', 'One CGIAR reform'],
  'community-solutions': ['Community Solutions', 'BfZ', 'by-name list functional zero'],
  eiti: ['Extractive Industries Transparency Initiative', 'EITI', 'EITI validation'],
  fsc: ['Forest Stewardship Council', 'FSC', 'FSC chambers'],
  gavi: ['Gavi the Vaccine Alliance', 'GAVI', 'advance market commitment'],
  geapp: ['Global Energy Alliance for People and Planet', 'GEAPP', 'risk-tolerant capital anchor philanthropies'],
  'global-fund': ['The Global Fund to Fight AIDS, Tuberculosis and Malaria', 'GFATM', 'country coordinating mechanism'],
  gpe: ['Global Partnership for Education', 'GPE', 'local education groups'],
  gpei: ['Global Polio Eradication Initiative', 'GPEI', 'Polio Oversight Board'],
  'grow-asia': ['Grow Asia', 'Grow Asia Partnership', 'country partnerships agribusiness ASEAN'],
  icoca: ['International Code of Conduct Association', 'ICoCA', 'Montreux Document private security companies'],
  ogp: ['Open Government Partnership', 'OGP', 'Independent Reporting Mechanism'],
  pathfinders: ['Pathfinders for Peaceful, Just and Inclusive Societies', 'SDG16+', 'justice gap task force'],
  'race-to-zero': ['Race to Zero and the Marrakech Partnership', 'MPGCA', 'High-Level Climate Champions starting line'],
  seforall: ['Sustainable Energy for All', 'SEforALL', 'energy compacts'],
  'stop-tb': ['Stop TB Partnership', 'Stop TB', 'Global Drug Facility'],
  'sun-movement': ['Scaling Up Nutrition Movement', 'SUN', 'SUN focal points'],
  swa: ['Sanitation and Water for All', 'SWA', 'mutual accountability mechanism'],
  unitaid: ['Unitaid', 'UNITAID', 'airline ticket levy'],
};

/** Queries as a writer types them, not titles: each expected document must be in the top 3. */
const WRITER_QUERIES: Record<string, [string, string][]> = {
  question: [
    ['how did gavi fund vaccines', 'hub:gavi'],
    ['how is the global fund governed', 'hub:global-fund'],
    ['who sits on the gavi board', 'hub:gavi'],
    ['how do I write a theory of change', 'framework:theory-of-change'],
    ['how small should the secretariat be', 'principle:small-secretariat'],
    ['what is a backbone organisation', 'framework:collective-impact'],
    ['when should we not create a hub', 'principle:know-when-not-to-create'],
    ['how to make sure members get value', 'principle:value-for-members'],
    ['why did AGRA miss its goal', 'hub:agra'],
    ['how do hubs work with governments', 'principle:work-through-governments'],
  ],
  synonym: [
    ['vaccine money', 'hub:gavi'],
    ['pooled money to fight malaria', 'hub:global-fund'],
    ['who sits on the polio board', 'hub:gpei'],
    ['conflict of interest safeguards', 'principle:guard-against-self-interest'],
    ['business incentives', 'principle:align-corporate-incentives'],
    ['ending homelessness', 'hub:community-solutions'],
    ['clean cooking electricity access', 'hub:seforall'],
    ['stakeholder mapping', 'principle:map-the-landscape'],
    ['community participation power', 'framework:power-and-inclusion'],
    ['SMART targets', 'framework:smart-goals-logframes'],
    ['air ticket tax medicines', 'hub:unitaid'],
  ],
  misspelling: [
    ['tuberculossis', 'hub:stop-tb'],
    ['polio eradicaton', 'hub:gpei'],
    ['extractive industires', 'hub:eiti'],
    ['nutriton movement', 'hub:sun-movement'],
    ['sanitaton', 'hub:swa'],
    ['goverment partnership', 'hub:ogp'],
    ['theroy of change', 'framework:theory-of-change'],
    ['secretariet', 'principle:small-secretariat'],
  ],
  'SDG number': [
    ['SDG 2 nutrition', 'hub:sun-movement'],
    ['SDG 4', 'hub:gpe'],
    ['SDG 6', 'hub:swa'],
    ['SDG 7 energy', 'hub:seforall'],
    ['SDG 8.7', 'hub:alliance-8-7'],
    ['SDG 16', 'hub:pathfinders'],
  ],
};

describe('search ranking on the real knowledge base', () => {
  const { engine } = realKb();
  const top3 = (q: string) => engine.search(q, { limit: 3 }).map((r) => r.ref);
  const cases: [string, string][] = [
    ['Gavi', 'hub:gavi'],
    ['GEAPP', 'hub:geapp'],
    ['SUN', 'hub:sun-movement'],
    ['vacine aliance', 'hub:gavi'],
    ['homeless', 'hub:community-solutions'],
    ['homelessness functional zero', 'hub:community-solutions'],
    ['Built for Zero', 'hub:community-solutions'],
    ['natural farming Andhra Pradesh', 'hub:agroecology-india'],
    ['APCNF', 'hub:agroecology-india'],
    ['net zero climate champions', 'hub:race-to-zero'],
    ['private security contractors', 'hub:icoca'],
    ['child labour forced labour', 'hub:alliance-8-7'],
    ['sanitation water', 'hub:swa'],
    ['education financing', 'hub:gpe'],
    ['epidemic vaccines preparedness', 'hub:cepi'],
    ['AIDS tuberculosis malaria', 'hub:global-fund'],
    ['smallholder farmers Southeast Asia', 'hub:grow-asia'],
    ['SDG16 justice', 'hub:pathfinders'],
    ['backbone organisation', 'framework:collective-impact'],
    ['adopter categories', 'framework:diffusion-of-innovations'],
    ['Arnstein ladder', 'framework:power-and-inclusion'],
    ['logframe indicators', 'framework:smart-goals-logframes'],
    ['small secretariat', 'principle:small-secretariat'],
    ['narrow goal', 'principle:narrow-goal'],
  ];
  for (const [q, expected] of cases) {
    it(`"${q}" → ${expected} in the top 3`, () => {
      const got = top3(q);
      assert.ok(got.includes(expected), `top 3 for "${q}": ${got.join(', ')}`);
    });
  }

  describe('every hub by its name, its acronym or other name, and its signature mechanism', () => {
    for (const [id, queries] of Object.entries(HUB_QUERIES)) {
      for (const q of queries) {
        it(`"${q}" → hub:${id}`, () => {
          const got = top3(q);
          assert.ok(got.includes(`hub:${id}`), `top 3 for "${q}": ${got.join(', ')}`);
        });
      }
    }
    it('covers every bundled hub', () => {
      const hubs = realKb().bundle.docs.filter((d) => d.kind === 'hub').map((d) => d.id).sort();
      assert.deepEqual(Object.keys(HUB_QUERIES).sort(), hubs);
    });
  });

  describe('what a policy writer types: questions, synonyms, misspellings, SDG numbers', () => {
    for (const [group, list] of Object.entries(WRITER_QUERIES)) {
      for (const [q, expected] of list) {
        it(`${group}: "${q}" → ${expected} in the top 3`, () => {
          const got = top3(q);
          assert.ok(got.includes(expected), `top 3 for "${q}": ${got.join(', ')}`);
        });
      }
    }
  });

  it('matches prefixes as you type', () => {
    assert.ok(top3('homel').includes('hub:community-solutions'), top3('homel').join());
    assert.ok(top3('vacc').includes('hub:gavi') || top3('vacc').includes('hub:cepi'), top3('vacc').join());
  });

  it('applies filters typed in the query', () => {
    const hubs = engine.search('kind:hub vaccines');
    assert.ok(hubs.length > 0 && hubs.every((r) => r.kind === 'hub'));
    const sdg3 = engine.search('sdg:3');
    assert.ok(sdg3.length > 0 && sdg3.every((r) => engine.get(r.ref)!.facets.sdg.includes('3')));
    const p = engine.search('principle:narrow-goal kind:hub', { limit: 100 });
    assert.ok(p.length >= 3 && p.every((r) => engine.get(r.ref)!.facets.principle.includes('narrow-goal')));
  });

  it('lists everything grouped by kind for an empty query', () => {
    const all = engine.search('', { limit: 500 });
    assert.equal(all.length, engine.size);
    const kinds = all.map((r) => r.kind);
    assert.deepEqual(kinds, [...kinds].sort((a, b) => ['hub', 'principle', 'framework', 'note'].indexOf(a) - ['hub', 'principle', 'framework', 'note'].indexOf(b)));
  });

  it('finds similar documents ("more like this")', () => {
    const similar = engine.moreLikeThis('hub:gavi', 5).map((r) => r.ref);
    assert.ok(!similar.includes('hub:gavi'));
    assert.ok(similar.some((r) => ['hub:cepi', 'hub:global-fund', 'hub:gpe'].includes(r)), similar.join());
  });

  it('survives a serialise/load round trip with identical results', () => {
    const { shard } = realKb();
    const loaded = new SearchEngine([Shard.load(JSON.parse(JSON.stringify(shard.toJSON())), shard.docs())]);
    assert.deepEqual(loaded.search('vacine aliance').map((r) => r.ref), engine.search('vacine aliance').map((r) => r.ref));
  });
});

describe('snippets', () => {
  it('shows the text around the first match with highlight ranges on whole words', () => {
    const doc = toSearchDoc({
      id: 'x', kind: 'note', origin: 'workspace', path: '/x.md', title: 'X', summary: '', questions: [], body: '', bodyLine: 1, headings: [], sources: [], links: [],
      text: 'Intro text. '.repeat(20) + 'Homelessness fell in Rockford after the by-name list was adopted.',
    });
    const s = makeSnippet(doc, ['homeless'], []);
    assert.ok(s.snippet.startsWith('…'));
    const [h] = s.highlights;
    assert.equal(s.snippet.slice(h.start, h.end), 'Homelessness');
  });

  it('opens the window on a word it marks, not on any word that starts with a two-letter fragment', () => {
    const text = `Community and country context come first. ${'Filler words here. '.repeat(20)}Co-financing rose to 30 % of the budget.`;
    const doc = toSearchDoc({ id: 'c', kind: 'note', origin: 'workspace', path: '/c.md', title: 'C', summary: '', questions: [], body: '', bodyLine: 1, headings: [], sources: [], links: [], text });
    const s = makeSnippet(doc, ['co', 'financing'], ['financ']);
    assert.match(s.snippet, /Co-financing rose/);
    assert.deepEqual(s.highlights.map((h) => s.snippet.slice(h.start, h.end)), ['financing']);
  });

  it('highlights exactly the words the Unicode word pattern finds, in any script', () => {
    const texts = [
      'Vaccines, vaccination and VACCINE-makers: vaccin8 and 8vaccines.',
      'Vaccinación en İstanbul: vaccines für Kinder — café vaccines naïve',
      'Emoji 🙂vaccines and 𝐀𝐁 vaccines 中文vaccines; vaccines',
      'vaccines',
    ];
    for (const text of texts) {
      const doc = toSearchDoc({ id: 'z', kind: 'note', origin: 'workspace', path: '/z.md', title: 'Z', summary: '', questions: [], body: '', bodyLine: 1, headings: [], sources: [], links: [], text });
      const s = makeSnippet(doc, ['vaccines'], ['vaccin']);
      assert.ok(!s.snippet.startsWith('\u2026'), 'the window starts at the text');
      const match = wordMatcher(['vaccines'], ['vaccin']);
      const expected = [...s.snippet.matchAll(/[\p{L}\p{N}]+/gu)].filter((m) => match(m[0])).map((m) => s.snippet.slice(m.index, m.index + m[0].length));
      assert.deepEqual(s.highlights.map((h) => s.snippet.slice(h.start, h.end)), expected, text);
      assert.ok(expected.length > 0);
    }
  });

  it('starts at the earliest of many words with the typed beginning, wherever it sorts among them', () => {
    // 200 distinct words starting with "cop" (several blocks of the sorted-word table); the one
    // that stands first in the text sorts in the middle of them.
    const filler = Array.from({ length: 200 }, (_, i) => `cop${String(i).padStart(3, '0')}x`);
    const early = filler.splice(117, 1)[0];
    for (const text of [`${'Intro words. '.repeat(30)}${early} ${filler.join(' ')}`, `${'Intro words. '.repeat(30)}${filler.slice(0, 3).join(' ')} ${early}`]) {
      const doc = toSearchDoc({ id: 'y', kind: 'note', origin: 'workspace', path: '/y.md', title: 'Y', summary: '', questions: [], body: '', bodyLine: 1, headings: [], sources: [], links: [], text });
      const s = makeSnippet(doc, ['cop'], []);
      const firstCop = text.search(/cop\d/);
      const firstHighlighted = s.snippet.slice(s.highlights[0].start, s.highlights[0].end);
      assert.equal(firstHighlighted, text.slice(firstCop).split(' ')[0], s.snippet);
    }
  });
});
