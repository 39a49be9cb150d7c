import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectDocType, findSections, insertionLine, renderTemplate, sectionSnippet, snippets, resolveExample } from '../../src/core/authoring';
import { CHARTER, LANDSCAPE_MAP, MAP_ELEMENTS, THEORY_OF_CHANGE, TOC_ELEMENTS } from '../../src/core/outlines';
import { parseLandscape } from '../../src/documents/landscape';
import { findRefs, refPrefixAt } from '../../src/core/refs';
import { checkRefs, suggestIds } from '../../src/core/ref-check';
import { splitFrontMatter } from '../../src/core/frontmatter';
import { realKb } from '../fixtures/real-kb';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');

/** A minimal TextMate snippet parser: returns an error message or undefined. */
function snippetError(body: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$') {
      const rest = body.slice(i + 1);
      if (/^\d/.test(rest)) continue;
      const m = /^\{(\d+)(:|\||\})/.exec(rest);
      if (!m) return `bad $ at ${i}: ${body.slice(i, i + 20)}`;
      if (m[2] === '|') {
        const end = rest.indexOf('|}');
        if (end < 0) return `unterminated choice at ${i}`;
        if (rest.slice(m[0].length, end).includes('$')) return `nested $ in choice at ${i}`;
        i += end + 2;
        continue;
      }
      if (m[2] === ':') depth++;
      i += m[0].length;
      continue;
    }
    if (c === '}') {
      if (depth === 0) return `unbalanced } at ${i}: ${body.slice(Math.max(0, i - 20), i + 1)}`;
      depth--;
    }
  }
  return depth ? 'unclosed placeholder' : undefined;
}

describe('outlines, templates and snippets', () => {
  const { bundle } = realKb();

  it('has every section of outline A (22), outline B (12) and outline C (7), in order', () => {
    assert.equal(CHARTER.sections.length, 22);
    assert.equal(THEORY_OF_CHANGE.sections.length, 12);
    assert.deepEqual(LANDSCAPE_MAP.sections.map((s) => s.id), ['problem', 'actors', 'relations', 'initiatives', 'power', 'gap', 'review']);
    assert.equal(LANDSCAPE_MAP.type, 'landscape-map');
    assert.equal(LANDSCAPE_MAP.snippetPrefix, 'map-');
    assert.equal(CHARTER.sections[0].title, 'Parties and legal status');
    assert.equal(CHARTER.sections[21].title, 'Signatures and date');
    assert.equal(CHARTER.sections.find((s) => s.id === 'secretariat')?.title, 'Secretariat and host');
    assert.equal(THEORY_OF_CHANGE.sections[11].title, 'Learning and review plan');
    for (const o of [CHARTER, THEORY_OF_CHANGE, LANDSCAPE_MAP]) {
      assert.equal(new Set(o.sections.map((s) => s.id)).size, o.sections.length, 'unique ids');
      for (const s of o.sections) assert.ok(s.purpose && s.questions.length && s.placeholder, s.id);
    }
  });

  for (const type of ['hub-charter', 'theory-of-change'] as const) {
    it(`renders a ${type} template: front matter, every section, guidance, a cited real example`, () => {
      const text = renderTemplate(type, 'Lake "Basin" Hub', '2026-11-28', bundle.docs);
      const fm = splitFrontMatter(text).data;
      assert.equal(fm.type, type);
      assert.equal(fm.hub, 'Lake "Basin" Hub');
      const outline = type === 'hub-charter' ? CHARTER : THEORY_OF_CHANGE;
      const found = findSections(text, outline).map((f) => f.id);
      assert.deepEqual(found, outline.sections.map((s) => s.id));
      const example = /> \*\*Example — [^*]+\(\[\[hub:([a-z-]+)\]\]\):\*\* "([^"]+)" Source: <(https?:\/\/[^>]+)>/.exec(text);
      assert.ok(example, 'an example from a real hub, with its source URL');
      const hub = bundle.docs.find((d) => d.id === example[1])!;
      assert.ok(hub.sources.some((s) => s.url === example[3]), 'the example cites a source of that case study');
      for (const ref of findRefs(text)) assert.ok(bundle.docs.some((d) => d.kind === ref.kind && d.id === ref.id), `${ref.kind}:${ref.id} resolves`);
      assert.doesNotMatch(text, /\$\{|\$\d/, 'templates contain no snippet syntax');
    });
  }

  it('renders a landscape-map template: front matter, every section, guidance, empty actor and initiative tables', () => {
    const text = renderTemplate('landscape-map', 'Lake "Basin" Hub', '2026-11-28', bundle.docs);
    const fm = splitFrontMatter(text).data;
    assert.equal(fm.type, 'landscape-map');
    assert.equal(fm.hub, 'Lake "Basin" Hub');
    assert.match(text, /^# Lake "Basin" Hub — Landscape Map$/m);
    assert.deepEqual(findSections(text, LANDSCAPE_MAP).map((f) => f.id), LANDSCAPE_MAP.sections.map((s) => s.id));
    assert.match(text, /^\| Actor \| Type \| Power \| Interest \| Stance \| Already does \| Role in the hub \|$/m);
    assert.match(text, /^\| Initiative \| Goal \| Relation to the hub \|$/m);
    assert.match(text, /> See \[\[principle:map-the-landscape\]\], \[\[framework:power-and-inclusion\]\]/);
    for (const ref of findRefs(text)) assert.ok(bundle.docs.some((d) => d.kind === ref.kind && d.id === ref.id), `${ref.kind}:${ref.id} resolves`);
    assert.doesNotMatch(text, /\$\{|\$\d/, 'templates contain no snippet syntax');
    // The parser reads the template: both tables, no actors yet (reported), nothing else wrong.
    const map = parseLandscape(text);
    assert.equal(map.actorTables.length, 1);
    assert.equal(map.initiativeTables.length, 1);
    assert.deepEqual(map.problems.map((p) => p.code), ['no-actors']);
    assert.equal(detectDocType(text), 'landscape-map');
    assert.equal(detectDocType(text.replace('type: landscape-map\n', '')), 'landscape-map', 'from its headings too');
  });

  it('resolves examples from the case studies (none are hand-copied)', () => {
    const ex = resolveExample({ hub: 'gavi', field: 'goal', intro: 'x' }, bundle.docs)!;
    assert.equal(ex.text, bundle.docs.find((d) => d.id === 'gavi')!.hub!.goal!.text);
    assert.equal(resolveExample({ hub: 'nope', field: 'goal', intro: 'x' }, bundle.docs), undefined);
  });

  it('generates valid snippets for every charter, theory-of-change and landscape-map section and element', () => {
    const all = snippets();
    const json = JSON.parse(JSON.stringify(all));
    assert.equal(Object.keys(json).length, 22 + 12 + TOC_ELEMENTS.length + 7 + MAP_ELEMENTS.length);
    const prefixes = Object.values(all).map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'unique prefixes');
    assert.ok(prefixes.every((p) => p.startsWith('hub-') || p.startsWith('toc-') || p.startsWith('map-')));
    for (const p of ['map-section-actors', 'map-section-relations', 'map-actor', 'map-relation', 'map-initiative']) assert.ok(prefixes.includes(p), p);
    // A snippet's actor row, filled in with its first choices, parses as an actor.
    const row = all['Landscape map element: Actor row'].body[0].replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1');
    const map = parseLandscape(`## Actors\n\n| Actor | Type | Power | Interest | Stance | Already does | Role in the hub |\n|---|---|---|---|---|---|---|\n${row}\n`);
    assert.deepEqual(map.actors.map((a) => [a.name, a.type, a.power, a.interest, a.stance]), [['name', 'government', 'high', 'high', 'ally']]);
    for (const [name, s] of Object.entries(all)) {
      assert.ok(s.description.length > 10, name);
      const err = snippetError(s.body.join('\n'));
      assert.equal(err, undefined, `${name}: ${err}`);
    }
    assert.ok(prefixes.includes('toc-indicator') && all['Theory of change element: Indicator (four parts)'].body[0].includes('threshold'));
  });

  it('escapes $ and } in guidance text inside snippets', () => {
    const s = sectionSnippet(CHARTER, { ...CHARTER.sections[0], purpose: 'Costs $5 {x}' });
    assert.match(s, /Costs \\\$5 \{x\\\}/);
    assert.equal(snippetError(s), undefined);
  });
});

describe('Insert Section: where a section goes', () => {
  const charter = fs.readFileSync(path.join(SAMPLES, 'riverlands-charter.md'), 'utf8');
  const lines = charter.split('\n');
  const lineOf = (heading: string) => lines.findIndex((l) => l.startsWith(heading));

  it('detects the document type from front matter, else from headings', () => {
    assert.equal(detectDocType(charter), 'hub-charter');
    assert.equal(detectDocType(fs.readFileSync(path.join(SAMPLES, 'riverlands-landscape.md'), 'utf8')), 'landscape-map');
    assert.equal(detectDocType('# Map\n\n## Actors\n\n## Relations\n\n## Existing initiatives\n'), 'landscape-map');
    assert.equal(detectDocType(fs.readFileSync(path.join(SAMPLES, 'riverlands-theory-of-change.md'), 'utf8')), 'theory-of-change');
    assert.equal(detectDocType('# Notes\n\n## 3. Purpose and goal\n\n## 9. Governance structure\n'), 'hub-charter');
    assert.equal(detectDocType('# Shopping list\n'), undefined);
  });

  it('finds the sections already present in the sample charter', () => {
    assert.deepEqual(findSections(charter, CHARTER).map((s) => s.id), ['parties', 'problem', 'goal', 'scope', 'membership', 'governance', 'decisions', 'roles', 'review']);
  });

  it('inserts a missing section before the next present section in outline order', () => {
    assert.equal(insertionLine(charter, CHARTER, 'theory-of-change'), lineOf('## 8. Membership'));
    assert.equal(insertionLine(charter, CHARTER, 'measurement'), lineOf('## 8. Membership'));
    assert.equal(insertionLine(charter, CHARTER, 'secretariat'), lineOf('## 19. Review'));
    assert.equal(insertionLine(charter, CHARTER, 'conflicts'), lineOf('## 19. Review'));
  });

  it('appends a section that comes after every present one at the end', () => {
    const end = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
    assert.equal(insertionLine(charter, CHARTER, 'signatures'), end);
    assert.throws(() => insertionLine(charter, CHARTER, 'nope'), /unknown section/);
  });

  it('ignores headings inside code blocks', () => {
    const text = '# X\n\n```\n## 9. Governance structure\n```\n\n## 3. Purpose and goal\n';
    assert.deepEqual(findSections(text, CHARTER).map((s) => s.id), ['goal']);
  });
});

describe('hub references', () => {
  it('parses [[kind:id]] and [[kind:id|label]]', () => {
    const refs = findRefs('See [[hub:gavi]] and [[principle:narrow-goal|a narrow goal]]; not [[hub:Bad Id]] or [hub:x].');
    assert.deepEqual(refs.map((r) => [r.kind, r.id, r.label]), [['hub', 'gavi', undefined], ['principle', 'narrow-goal', 'a narrow goal']]);
    assert.equal('See [[hub:gavi]]'.slice(refs[0].start, refs[0].end), '[[hub:gavi]]');
  });

  it('finds the partial reference being typed, for completion', () => {
    assert.deepEqual(refPrefixAt('Like [[hub:ga', 13), { kind: 'hub', prefix: 'ga', start: 7 });
    assert.deepEqual(refPrefixAt('Like [[', 7), { kind: undefined, prefix: '', start: 7 });
    assert.equal(refPrefixAt('Like [[hub:gavi]] x', 19), undefined);
    assert.equal(refPrefixAt('no ref here', 5), undefined);
  });

  it('flags unknown ids with suggestions, and skips code blocks', () => {
    const known = (kind: string) => (kind === 'hub' ? ['gavi', 'grow-asia', 'geapp'] : ['narrow-goal']);
    const problems = checkRefs('[[hub:gavii]] [[hub:gavi]] [[principle:narow-goal]]\n```\n[[hub:inside-code]]\n```\n', known);
    assert.deepEqual(problems.map((p) => p.ref.id), ['gavii', 'narow-goal']);
    assert.deepEqual(problems[0].suggestions, ['gavi']);
    assert.deepEqual(problems[1].suggestions, ['narrow-goal']);
    assert.deepEqual(suggestIds('zzzzzz', ['gavi']), []);
  });
});
