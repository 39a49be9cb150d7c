import * as assert from 'node:assert/strict';
import { growth } from '../fixtures/growth';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AUDIT_RULES,
  auditDoc,
  checkBlockedHosts,
  checkFiguresCited,
  checkFrontMatterInBody,
  checkMalformedUrls,
  checkMirrorsMarked,
  checkRatingNotes,
  checkTrackingUrls,
  EMPTY_POLICY,
  firstFigure,
  hostMatches,
  numbersIn,
  parseAuditPending,
  parseCitationPolicy,
  ratingContradiction,
  sentences,
  type CitationPolicy,
} from '../../src/core/kb-audit';
import { compileKnowledge } from '../../src/core/kb';
import { parseKnowledgeDoc } from '../../src/core/knowledge';
import type { KnowledgeDoc, Problem } from '../../src/core/types';
import { main } from '../../src/cli';
import { hubText, miniKb } from '../fixtures/mini-kb';
import { KNOWLEDGE_ROOT, realKb } from '../fixtures/real-kb';
import { readCitationPolicy } from '../../src/platform/node-fs';

const POLICY: CitationPolicy = parseCitationPolicy({
  blockedHosts: ['wikimili.com', 'ens.wiki', '*.acw.website', 'api.eiti.org'],
  blockedHostPrefixes: ['staging.', 'test-'],
  mirrorHosts: ['docslib.org', '*.scribd.com', 'scribd.com'],
  hostRewrites: { 'api.eiti.org': 'eiti.org' },
});

function parse(text: string): { doc: KnowledgeDoc; lineOf: (p: (string | number)[]) => number } {
  const r = parseKnowledgeDoc(text, { path: 'hubs/alpha.md', origin: 'bundled', strict: true });
  assert.ok(r.doc, JSON.stringify(r.problems));
  return { doc: r.doc, lineOf: r.lineOf! };
}

/** The mini hub with footnote [^s8] defined as `def` (the rest of the definition line). */
function withSource(def: string): KnowledgeDoc {
  return parse(hubText('alpha').replace('[^s8]: Example source 8, https://example.org/source-8 (page date 1 Jan 2024).', `[^s8]: ${def}`)).doc;
}

/** The mini hub with `para` added to the Overview section. */
function withBody(para: string): KnowledgeDoc {
  return parse(hubText('alpha').replace('## Goal', `${para}\n\n## Goal`)).doc;
}

const codes = (ps: Problem[]): string[] => ps.map((p) => p.code ?? '');
const lineOfText = (doc: KnowledgeDoc, needle: string): number => doc.bodyLine + doc.body.split('\n').findIndex((l) => l.includes(needle));

describe('knowledge audit: citation URLs', () => {
  it('kb/malformed-url passes well-formed URLs and flags no host, three slashes, spaces and two URLs', () => {
    assert.deepEqual(checkMalformedUrls(withSource('Example, https://example.org/a_(b)?x=1 (2024).')), []);
    assert.deepEqual(checkMalformedUrls(withSource('Archive, https://web.archive.org/web/2020/http://example.org/a (2020).')), []);
    for (const def of ['Bad, https:///distantreader.org/x.txt', 'Bad, https://example.org/my file.pdf (2024).', 'Bad, https://localhost/x', 'Bad, https://ideas.repec.org./a/b.html', 'Bad, https://exa_mple.org/x', 'Two, https://example.org/a and https://example.org/b']) {
      const ps = checkMalformedUrls(withSource(def));
      assert.equal(ps.length, 1, def);
      assert.equal(ps[0].code, 'kb/malformed-url');
      assert.equal(ps[0].severity, 'error');
      assert.equal(ps[0].field, 'sources');
    }
    const [p] = checkMalformedUrls(withSource('Bad, https:///distantreader.org/x.txt'));
    const doc = withSource('Bad, https:///distantreader.org/x.txt');
    assert.equal(p.line, lineOfText(doc, '[^s8]:'));
    assert.match(p.message, /\[\^s8\].*no host/);
  });

  it('kb/blocked-host matches exact hosts, their www. form, *.suffix and prefixes, and suggests a rewrite', () => {
    assert.deepEqual(checkBlockedHosts(withSource('Fine, https://eiti.org/history'), POLICY), []);
    assert.deepEqual(checkBlockedHosts(withSource('Fine, https://notwikimili.com/x'), POLICY), []);
    for (const url of ['https://wikimili.com/en/X', 'https://www.ens.wiki/x', 'https://stage.gpei.acw.website/x', 'https://staging.unric.org/x', 'https://test-cms.who.int/x']) {
      const ps = checkBlockedHosts(withSource(`Blocked, ${url}`), POLICY);
      assert.deepEqual(codes(ps), ['kb/blocked-host'], url);
    }
    const [p] = checkBlockedHosts(withSource('EITI, https://api.eiti.org/history'), POLICY);
    assert.match(p.message, /same path on eiti\.org/);
    assert.equal(hostMatches('a.b.acw.website', '*.acw.website'), true);
    assert.equal(hostMatches('acw.website', '*.acw.website'), false);
  });

  it('kb/tracking-url flags redirects, shorteners, e-mail trackers, proxies and utm_ parameters', () => {
    for (const ok of ['https://example.org/a?page=2', 'https://webarchive.unfccc.int/20230228141647mp_/http://climateaction.unfccc.int/About', 'https://www.google.com/books/edition/x']) {
      assert.deepEqual(checkTrackingUrls(withSource(`Fine, ${ok}`)), [], ok);
    }
    for (const bad of [
      'https://example.org/a?utm_source=newsletter',
      'https://www.google.com/url?q=https://example.org/a',
      'https://t.e2ma.net/click/abc',
      'https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org',
      'https://t.co/AbC123',
      'http://news.free-list.org/redirect.php?https://scroll.in/article/1',
      'https://example-org.translate.goog/a',
      'https://example.org/a?fbclid=xyz',
    ]) {
      assert.deepEqual(codes(checkTrackingUrls(withSource(`Bad, ${bad}`))), ['kb/tracking-url'], bad);
    }
  });

  it('kb/mirror-not-marked requires "copy of" on a document mirror', () => {
    assert.deepEqual(checkMirrorsMarked(withSource('Docslib (copy of Board paper, June 2019), https://docslib.org/doc/1/x'), POLICY), []);
    assert.deepEqual(checkMirrorsMarked(withSource('Publisher page, https://example.org/doc'), POLICY), []);
    assert.deepEqual(codes(checkMirrorsMarked(withSource('Board paper, https://docslib.org/doc/1/x'), POLICY)), ['kb/mirror-not-marked']);
    assert.deepEqual(codes(checkMirrorsMarked(withSource('Plan, https://ja.scribd.com/document/1/x'), POLICY)), ['kb/mirror-not-marked']);
  });

  it('reads and validates the citation policy', () => {
    assert.throws(() => parseCitationPolicy([]), /JSON object/);
    assert.throws(() => parseCitationPolicy({ blockedHosts: 'x' }), /blockedHosts/);
    assert.throws(() => parseCitationPolicy({ hostRewrites: { a: 1 } }), /hostRewrites/);
    assert.deepEqual(parseCitationPolicy({}), EMPTY_POLICY);
    const real = readCitationPolicy(KNOWLEDGE_ROOT);
    assert.ok(real.blockedHosts.includes('wikimili.com'));
    assert.ok(real.mirrorHosts.includes('docslib.org'));
  });
});

describe('knowledge audit: front matter and body agree', () => {
  it('kb/front-matter-not-in-body passes when years and seats appear in the body', () => {
    const { doc, lineOf } = parse(hubText('alpha', { governance: '{ board: "Twelve seats", seats: 12, src: [s7] }' }).replace('## Goal', 'The board has twelve seats.[^s7]\n\n## Goal'));
    assert.deepEqual(checkFrontMatterInBody(doc, lineOf), []);
  });

  it('kb/front-matter-not-in-body reports a year or seat count missing from the body, at its front-matter line', () => {
    const text = hubText('alpha', { founded: '{ year: 1999, text: "Launched in 1999", src: [s1] }', governance: '{ board: "x", seats: 28, src: [s7] }' }).replace('## Sources', 'A footnote label such as [^s1] or a link (https://example.org/1999) does not count.\n\n## Sources');
    const { doc, lineOf } = parse(text);
    const ps = checkFrontMatterInBody(doc, lineOf);
    assert.deepEqual(ps.map((p) => p.field), ['founded.year', 'governance.seats']);
    assert.equal(ps[0].line, text.split('\n').findIndex((l) => l.startsWith('founded:')) + 1);
    assert.ok(ps.every((p) => p.severity === 'error' && p.code === 'kb/front-matter-not-in-body'));
  });

  it('finds whole numbers only', () => {
    assert.deepEqual([...numbersIn('In 2002, 36 countries; US$ 15.7 bn; 1,000 homes; 20025')].sort((a, b) => a - b), [36, 1000, 2002, 20025]);
  });
});

describe('knowledge audit: figures need a footnote', () => {
  it('kb/figure-without-source passes cited figures and the documented exemptions', () => {
    const ok = [
      'The fund approved US$ 600 million for 36 countries.[^s1]',
      'It grew fast.[^s2] It reached 40% in 2020[^s3], then stalled.',
      'The G20, the G7 and COVID-19 are names; so is Alliance 8.7, and SDG 3 and SDGs 3, 6 and 16 are labels.',
      'Section 2 and the 1st and 2nd rounds are labels too. See [the report](https://example.org/2020/report-7.pdf) and [a hub](../hubs/gavi-2.md).',
      '**Launch (January 2017).** Donors gave money.[^s1]',
      'The final total for 2022–2026 was not found.',
      'According to the 2019 report:[^s2]\n\n- 11 of 61 countries on track;\n- 149 million children stunted.',
      '- **Portfolio.** According to CEPI (2024)[^s3]:\n  - 21 candidates;\n  - 14 vaccines.',
      'It lists 14 communities at functional zero.[^s4] Examples:\n\n- Arlington: veterans, December 2015\n- Rockford: chronic, January 2017',
      '| Year | Amount |\n| --- | --- |\n| 2020 | 5 billion |',
      '### Phase 2 (2020–2024)',
    ];
    for (const para of ok) assert.deepEqual(checkFiguresCited(withBody(para)), [], para);
  });

  it('kb/figure-without-source flags an uncited sentence or list item, with its line', () => {
    const doc = withBody('It has grown fast.[^s1] It now has 643 staff.\n\n- Donors pledged US$ 3.5 billion;\n- a million volunteers.[^s2]\n\nIn mid-2019 the board met.');
    const ps = checkFiguresCited(doc);
    assert.deepEqual(ps.map((p) => /^"([^"]+)" in a (sentence|list item)/.exec(p.message)?.slice(1)), [['643', 'sentence'], ['3.5', 'list item'], ['2019', 'sentence']]);
    assert.deepEqual(ps.map((p) => p.line), [lineOfText(doc, '643'), lineOfText(doc, 'US$ 3.5'), lineOfText(doc, 'mid-2019')]);
    assert.ok(ps.every((p) => p.severity === 'error' && p.code === 'kb/figure-without-source'));
    const uncitedLead = checkFiguresCited(withBody('It lists communities at functional zero. Examples:\n\n- Arlington: veterans, December 2015'));
    assert.deepEqual(uncitedLead.map((p) => p.code), ['kb/figure-without-source'], 'a lead-in without a citation does not cover its list');
    const principle = parseKnowledgeDoc('---\nid: narrow-goal\nkind: principle\ntitle: T\nsummary: S.\n---\n\n## Why it matters\n\nAbout 80% fail.\n', { path: 'principles/narrow-goal.md', origin: 'bundled' }).doc!;
    assert.deepEqual(checkFiguresCited(principle).map((p) => p.severity), ['warning']);
  });

  it('recognises figures and sentences', () => {
    assert.equal(firstFigure('It has 643 staff')?.text, '643');
    assert.equal(firstFigure('a few million people')?.text, 'million');
    assert.equal(firstFigure('about 40 per cent')?.text, '40');
    assert.equal(firstFigure('share: 40%')?.text, '40');
    assert.equal(firstFigure('G20 leaders, SDG16+, COVID-19, decision 1/CP.21, the 3rd round'), undefined);
    assert.equal(firstFigure('SDG 3 in 2015')?.text, '2015');
    assert.deepEqual(sentences('The U.S. Senate met.[^a] [^b] Then e.g. this. 3 more.').map((s) => s.text), ['The U.S. Senate met.[^a] [^b]', 'Then e.g. this.', '3 more.']);
  });
});

describe('knowledge audit: ratings agree with their notes', () => {
  it('kb/rating-contradicts-note passes agreeing notes', () => {
    const { doc, lineOf } = parse(hubText('alpha', { principles: '\n  - { id: steer-not-control, rating: exhibits, note: "No field presence; works through WHO and ministries", src: [s5] }\n  - { id: small-secretariat, rating: not, note: "Weak: grew to 643 staff", src: [s6] }\n  - { id: narrow-goal, rating: partly, note: "Narrow theme, but the deadline slipped and it does not end", src: [s6] }' }));
    assert.deepEqual(checkRatingNotes(doc, lineOf), []);
  });

  it('kb/rating-contradicts-note flags a note that says the opposite, at the note line', () => {
    const text = hubText('alpha', { principles: '\n  - { id: steer-not-control, rating: exhibits, note: "The secretariat does not delegate; it runs programmes", src: [s5] }\n  - { id: small-secretariat, rating: not, note: "Assessed yes: a team of five", src: [s6] }\n  - { id: narrow-goal, rating: partly, note: "Assessed no/partly: no target", src: [s6] }' });
    const { doc, lineOf } = parse(text);
    const ps = checkRatingNotes(doc, lineOf);
    assert.deepEqual(ps.map((p) => p.field), ['principles[0].note', 'principles[1].note', 'principles[2].note']);
    assert.equal(ps[0].line, text.split('\n').findIndex((l) => l.includes('does not delegate')) + 1);
    assert.ok(ps.every((p) => p.code === 'kb/rating-contradicts-note' && p.severity === 'error'));
  });

  it('explains the heuristic on single notes', () => {
    assert.match(ratingContradiction('exhibits', 'Lacks a pooled fund') ?? '', /lacks/);
    assert.match(ratingContradiction('not', 'Clearly shows steering through others') ?? '', /clearly shows/);
    assert.match(ratingContradiction('partly', 'Assessed yes for a narrow theme but partly finite') ?? '', /"yes"/);
    assert.equal(ratingContradiction('exhibits', 'Pooled fund, but it lacks a reserve'), undefined, 'a caveat after "but" is fine');
    assert.equal(ratingContradiction('not', 'Grew to 643 staff'), undefined);
  });
});

describe('knowledge audit: rules and the build', () => {
  it('every rule has a stable kb/ id, a description and a default severity', () => {
    const ids = AUDIT_RULES.map((r) => r.id);
    assert.deepEqual(ids, ['kb/malformed-url', 'kb/blocked-host', 'kb/tracking-url', 'kb/mirror-not-marked', 'kb/front-matter-not-in-body', 'kb/figure-without-source', 'kb/rating-contradicts-note']);
    for (const r of AUDIT_RULES) assert.ok(r.description && r.appliesTo.length && r.defaultSeverity === 'error' && r.docs.startsWith('docs/'), r.id);
  });

  it('compileKnowledge runs the audit with the policy; audit-pending softens a file to warnings', () => {
    const files = miniKb();
    files[0] = { ...files[0], text: files[0].text.replace('https://example.org/source-8', 'https://wikimili.com/source-8') };
    const hard = compileKnowledge(files, POLICY).problems.filter((p) => p.code === 'kb/blocked-host');
    assert.deepEqual(hard.map((p) => [p.file, p.severity]), [['hubs/alpha.md', 'error']]);
    assert.deepEqual(compileKnowledge(files).problems.filter((p) => p.code === 'kb/blocked-host'), [], 'no policy, no host check');
    const soft = compileKnowledge(files, POLICY, { pending: { 'hubs/alpha.md': 'rewrite under way' } }).problems;
    assert.deepEqual(soft.filter((p) => p.code === 'kb/blocked-host').map((p) => p.severity), ['warning']);
    assert.match(soft.find((p) => p.code === 'kb/blocked-host')!.message, /\[pending: rewrite under way\]/);
    const stale = compileKnowledge(miniKb(), POLICY, { pending: { 'hubs/beta.md': 'x' } }).problems.filter((p) => p.code === 'kb/pending-stale');
    assert.deepEqual(stale.map((p) => [p.file, p.severity]), [['hubs/beta.md', 'warning']]);
    assert.throws(() => parseAuditPending({ files: { 'a.md': '' } }), /audit-pending/);
    assert.equal(auditDoc(parse(hubText('alpha')).doc, { policy: POLICY }).length, 0);
  });

  it('build-knowledge reads citation-policy.json from the source folder', async () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-kb-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-out-'));
    for (const f of miniKb()) {
      fs.mkdirSync(path.join(src, path.dirname(f.path)), { recursive: true });
      fs.writeFileSync(path.join(src, f.path), f.text.replace('https://example.org/source-8', 'https://staging.example.org/source-8'));
    }
    fs.writeFileSync(path.join(src, 'citation-policy.json'), JSON.stringify({ blockedHostPrefixes: ['staging.'] }));
    let err = '';
    const code = await main(['build-knowledge', src, out], { out: () => undefined, err: (s) => (err += s + '\n') });
    assert.equal(code, 1);
    assert.match(err, /hubs\/alpha\.md:\d+: sources: footnote \[\^s8\]: "staging\.example\.org" is a blocked host/);
    fs.rmSync(src, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('the real knowledge base compiles with no errors, audit included', () => {
    const errors = realKb().problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors, []);
  });

  it('scans in linear time: doubling a pathological body at most about doubles the cost', function () {
    this.timeout(60000);
    const base = parse(hubText('alpha')).doc;
    const docOf = (body: string, source: string): KnowledgeDoc => ({ ...base, body, bodyLine: 1, sources: [{ label: 's', url: '', text: source, secondary: false, line: 1 }] });
    const make = (n: number): KnowledgeDoc =>
      docOf(
        [`${'1.'.repeat(n)} ${'[^'.repeat(n)} ${'**'.repeat(n)} ${'a. '.repeat(n)} ${'US$ 5. '.repeat(n)}`, '- x:[^a]'.repeat(n), `${'Has 5 staff. '.repeat(n)}`, '  - 5 seats\n'.repeat(n)].join('\n\n'),
        `x ${'https://a'.repeat(n)} ${'http'.repeat(n)} ${'?q=http://'.repeat(n)}`,
      );
    // CPU-time growth within this process (test/fixtures/growth.ts), never absolute times.
    const g = growth(
      {
        name: 'knowledge audit',
        input: (n) => make(Math.max(1, Math.round(n / 60))),
        run: (doc) => {
          checkFiguresCited(doc);
          checkMalformedUrls(doc);
          checkTrackingUrls(doc);
          checkMirrorsMarked(doc, POLICY);
          checkBlockedHosts(doc, POLICY);
        },
      },
      2.5,
    );
    if (process.env.GROWTH_LOG) console.log(g);
    assert.ok(g.ratio <= 2.5, `doubling the input multiplied the cost by ${g.ratio.toFixed(2)} (n = ${g.n} → ${4 * g.n})`);
  });
});
