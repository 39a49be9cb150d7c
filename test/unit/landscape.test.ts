import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { checkDocument } from '../../src/checks/runner';
import { buildGuide } from '../../src/checks/guide';
import { compareWithCharter } from '../../src/checks/landscape';
import { loadLinked } from '../../src/checks/linked';
import { actorRowSnippet } from '../../src/checks/rules/map-unknown-actor';
import type { CheckContext, Finding } from '../../src/checks/types';
import { splitFrontMatter } from '../../src/core/frontmatter';
import { elementOfHeading } from '../../src/documents/charter';
import { parseMarkdown } from '../../src/documents/markdown';
import { editDistance, goalOverlap, parseLandscape, readRoles, splitRow, type LandscapeMap } from '../../src/documents/landscape';
import { FULL_NETWORK_LIMIT, layoutGrid, layoutNetwork, networkGraph, quadrantOf } from '../../src/diagram/landscape';
import { gridSvg, mapEmptyMessage, mapSummary, networkNotice, networkSvg, renderMapSvg, standaloneMapSvg, throughPath } from '../../src/diagram/landscape-svg';
import { main } from '../../src/cli';
import { parseMapMessage } from '../../src/views/protocol';
import { benchMap } from '../../bench/map-graphs';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const SAMPLE_PATH = path.join(SAMPLES, 'riverlands-landscape.md');
const SAMPLE = fs.readFileSync(SAMPLE_PATH, 'utf8');
const CHARTER = fs.readFileSync(path.join(SAMPLES, 'riverlands-charter.md'), 'utf8');
const TODAY = '2026-11-29';
const window = new JSDOM('').window;

const HEADER = '| Actor | Type | Power | Interest | Stance | Already does | Role in the hub |\n|---|---|---|---|---|---|---|';

/** A small map: every test changes one thing. */
function mapText(opts: { rows?: string[]; relations?: string[]; initiatives?: string[]; front?: string } = {}): string {
  const rows = opts.rows ?? [
    '| Basin Water Authority (BWA) | government | high | high | ally | Regulates and funds repairs | Founding party; board constituency (government) |',
    '| Village committees | community | medium | high | ally | Run the water points | Board constituency (communities) |',
    '| Lake Bottling Ltd | business | medium | low | opponent | Sells bottled water | — |',
  ];
  return [
    '---',
    'type: landscape-map',
    'hub: Lake Basin Hub',
    ...(opts.front ? [opts.front] : []),
    '---',
    '',
    '# Lake Basin Hub — Landscape Map',
    '',
    '## 2. Actors',
    '',
    HEADER,
    ...rows,
    '',
    '## 3. Relations',
    '',
    ...(opts.relations ?? ['- BWA funds Village committees', '- Lake Bottling Ltd competes with Village committees']),
    '',
    '## 4. Existing initiatives',
    '',
    '| Initiative | Goal | Relation to the hub |',
    '|---|---|---|',
    ...(opts.initiatives ?? ['| Basin filter programme | Household filters in flood-prone villages | Complements it: filters until repairs are done |']),
    '',
  ].join('\n');
}

function check(text: string, linked: CheckContext['linked'] = {}): Finding[] {
  return checkDocument(text, { today: TODAY, linked }).findings;
}
const rulesOf = (f: Finding[], prefix = 'map/') => f.filter((x) => x.rule.startsWith(prefix)).map((x) => x.rule);

function parseSvg(svg: string): Document {
  const doc = new window.DOMParser().parseFromString(svg, 'image/svg+xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  assert.equal(err, undefined, `not well-formed XML: ${err?.textContent}`);
  assert.equal(doc.documentElement.localName, 'svg');
  return doc;
}

async function linkedOf(file: string, text: string): Promise<CheckContext['linked']> {
  return loadLinked(splitFrontMatter(text).data, async (rel) => fs.promises.readFile(path.resolve(path.dirname(file), rel), 'utf8'));
}

describe('landscape map (src/documents/landscape, src/diagram/landscape*, map checks)', () => {
  describe('parsing the actors table', () => {
    it('reads the sample: 14 actors with type, levels, stance, roles and lines', () => {
      const m = parseLandscape(SAMPLE);
      assert.equal(m.actors.length, 14);
      assert.deepEqual(m.problems, []);
      const pwa = m.actors[0];
      assert.equal(pwa.name, 'Riverlands Provincial Water Authority (PWA)');
      assert.deepEqual(pwa.aliases, ['Riverlands Provincial Water Authority', 'PWA']);
      assert.deepEqual([pwa.type, pwa.power, pwa.interest, pwa.stance, pwa.decides], ['government', 'high', 'high', 'ally', true]);
      assert.deepEqual(pwa.roles, [{ kind: 'founding-party', label: undefined }, { kind: 'board-constituency', label: 'provincial government' }]);
      const lines = SAMPLE.split('\n');
      for (const a of m.actors) assert.ok(lines[a.line].startsWith(`| ${a.name} |`), `${a.name} at line ${a.line}`);
      assert.equal(m.actors.find((a) => a.name === 'Clear Water Trust')?.type, 'civil-society');
      assert.equal(m.actors.find((a) => a.name === 'Delta flood-affected households')?.decides, false);
      assert.deepEqual(m.needs, ['government', 'community', 'research']);
      assert.equal(m.needsDeclared, true);
      assert.equal(lines[m.needsLine!].startsWith('needs:'), true);
    });

    it('leaves other tables alone: a data table with a Type column, a relations table', () => {
      const m = parseLandscape('## 1. Problem and scope of the map\n\n| Source | Type | Value |\n|---|---|---|\n| Survey | census | 1.2 million |\n\n## Notes\n\n| From | Relation | To |\n|---|---|---|\n| A | funds | B |\n');
      assert.deepEqual([m.actors.length, m.initiatives.length, m.actorTables.length, m.initiativeTables.length], [0, 0, 0, 0]);
    });

    it('reads columns in any order, synonyms of values, and tables without a heading above them', () => {
      const text = '# Notes\n\n| Stance | Name | Interest | Power | Sector |\n|--|--|--|--|--|\n| Supporter | Ministry of Water | very high | Med | Public sector |\n| against | Acme | low | high | private sector |\n';
      const m = parseLandscape(text);
      assert.deepEqual(m.actors.map((a) => [a.name, a.type, a.power, a.interest, a.stance]), [
        ['Ministry of Water', 'government', 'medium', 'high', 'ally'],
        ['Acme', 'business', 'high', 'low', 'opponent'],
      ]);
    });

    it('reports malformed rows with their line and cell, and never throws', () => {
      const text = mapText({
        rows: [
          '| Basin Water Authority | goverment | hgh | high | ally | x | — |',
          '| Farmers | community | low | very | friendly | y | — |',
          '|  | research | low | low | ally | z | — |',
          '| Short row | business | low |',
          '| Too long | research | low | low | neutral | a | b | extra | cells |',
          '| Basin Water Authority | government | high | high | ally | again | — |',
          '| Unassessed | community | ? | high | tbd | w | — |',
        ],
        relations: ['- This line has no verb at all', '- Farmers funds Farmers'],
      });
      const m = parseLandscape(text);
      const lines = text.split('\n');
      const byCode = (code: string) => m.problems.filter((p) => p.code === code);
      assert.deepEqual(byCode('unknown-type').map((p) => [lines[p.line].slice(0, 25), lines[p.line].slice(p.column!, p.endColumn!), p.suggestion]), [['| Basin Water Authority |', 'goverment', 'government']]);
      assert.deepEqual(byCode('unknown-level').map((p) => [lines[p.line].slice(p.column!, p.endColumn!), p.suggestion]), [['hgh', 'high'], ['very', undefined]]);
      assert.deepEqual(byCode('unknown-stance').map((p) => lines[p.line].slice(p.column!, p.endColumn!)), ['friendly']);
      assert.equal(byCode('missing-name').length, 1);
      assert.ok(byCode('missing-value').some((p) => /"Short row" has no interest level \(its row is short of cells\)/.test(p.message)));
      assert.ok(byCode('missing-value').some((p) => /"Unassessed" has no power level yet/.test(p.message)));
      assert.ok(byCode('missing-value').some((p) => /"Unassessed" has no stance yet/.test(p.message)));
      assert.equal(byCode('extra-cells').length, 1);
      assert.match(byCode('duplicate-actor')[0].message, /already in the table \(line \d+\)/);
      assert.equal(byCode('unreadable-relation').length, 1);
      assert.equal(byCode('self-relation').length, 1);
      // What can be read is kept: the rows still become actors (without the unreadable values).
      assert.deepEqual(m.actors.map((a) => a.name), ['Basin Water Authority', 'Farmers', 'Short row', 'Too long', 'Basin Water Authority', 'Unassessed']);
      assert.equal(m.actors[0].type, undefined);
      assert.equal(m.actors[0].interest, 'high');
      assert.equal(m.actors[4].id, 'basin-water-authority-2', 'repeated names get distinct ids');
      // Garbage in, no exception out.
      for (const junk of ['', '|', '| a |\n|-|\n|', '---\nneeds: [[[\n---\n| x |', '\u0000|||\n|---|\n'.repeat(50), '## Relations\n- → \n- a →\n- funds\n']) assert.doesNotThrow(() => parseLandscape(junk));
      assert.deepEqual(parseLandscape('').problems.map((p) => p.code), ['no-actors']);
    });

    it('splits rows at unescaped pipes and keeps cell columns', () => {
      const cells = splitRow('| A \\| B | x |  | y');
      assert.deepEqual(cells.map((c) => c.text), ['A | B', 'x', '', 'y']);
      assert.equal('| A \\| B | x |  | y'.slice(cells[1].column, cells[1].end), 'x');
      assert.deepEqual(splitRow('a | b').map((c) => c.text), ['a', 'b']);
    });

    it('reads roles: founding parties, board constituencies with their label, decision roles', () => {
      assert.deepEqual(readRoles('Founding party; board constituency (municipalities)'), { roles: [{ kind: 'founding-party', label: undefined }, { kind: 'board-constituency', label: 'municipalities' }], decides: true });
      assert.deepEqual(readRoles('Board seat: farmers'), { roles: [{ kind: 'board-constituency', label: 'farmers' }], decides: true });
      assert.deepEqual(readRoles('Votes on the annual plan'), { roles: [], decides: true });
      assert.deepEqual(readRoles('Consulted on the work plan'), { roles: [], decides: false });
      assert.deepEqual(readRoles('—'), { roles: [], decides: false });
    });
  });

  describe('parsing relations and initiatives', () => {
    it('reads "A verb B" with names, aliases and notes, and "A → B: label"', () => {
      const m = parseLandscape(SAMPLE);
      assert.equal(m.relations.length, 12);
      const r = m.relations.map((x) => [x.fromId, x.kind, x.toId, x.directed]);
      assert.deepEqual(r[0], ['ministry-of-finance', 'funds', 'riverlands-provincial-water-authority-pwa', true], 'the alias PWA');
      assert.deepEqual(r[1], ['riverlands-provincial-water-authority-pwa', 'funds', 'riverlands-association-of-municipalities', true]);
      assert.equal(m.relations[1].note, '(connection subsidies)');
      assert.deepEqual(r[11], ['bottled-water-distributors', 'competes with', 'private-operators-two-utilities', false], 'plural verb forms read the same');
      const arrow = parseLandscape(mapText({ relations: ['- BWA → Village committees: lends to', '- Village committees -> Lake Bottling Ltd: funds'] })).relations;
      assert.deepEqual(arrow.map((x) => [x.from, x.to, x.kind, x.label]), [['BWA', 'Village committees', 'other', 'lends to'], ['Village committees', 'Lake Bottling Ltd', 'funds', 'funds']]);
    });

    it('chooses the split whose sides are known actors ("Pooled Funds Agency funds …")', () => {
      const m = parseLandscape(mapText({ rows: ['| Pooled Funds Agency | multilateral | high | high | ally | x | — |', '| Village committees | community | medium | high | ally | y | Board constituency |'], relations: ['- Pooled Funds Agency funds Village committees for repairs'] }));
      assert.deepEqual(m.relations.map((x) => [x.fromId, x.toId, x.note]), [['pooled-funds-agency', 'village-committees', 'for repairs']]);
    });

    it('reports a relation naming an actor not in the table, with a suggestion and the name\u2019s columns', () => {
      const text = mapText({ relations: ['- Basin Water Authorty funds Village committees', '- Water Authority regulates Lake Bottling Ltd', '- Nobody Known supports Village committees'] });
      const m = parseLandscape(text);
      const unknown = m.problems.filter((p) => p.code === 'unknown-actor');
      const lines = text.split('\n');
      assert.deepEqual(unknown.map((p) => [lines[p.line].slice(p.column!, p.endColumn!), p.suggestion]), [
        ['Basin Water Authorty', 'Basin Water Authority (BWA)'],
        ['Water Authority', 'Basin Water Authority (BWA)'],
        ['Nobody Known', undefined],
      ]);
      assert.equal(m.relations.length, 3, 'the relations are kept (drawn with a placeholder box)');
    });

    it('reads initiatives from a table and from a list; an empty relation is no relation', () => {
      const m = parseLandscape(SAMPLE);
      assert.deepEqual(m.initiatives.map((i) => [i.name, i.relation === '']), [['Provincial connection subsidy scheme', false], ['NGO household filter programmes (three)', false], ['Northern piped-water project', true]]);
      const list = parseLandscape('## Existing initiatives\n\n- **Basin Fund**: grants for water points by 2030. Relation: we join it.\n- Filter Drive — filters for every household (relation: none)\n');
      assert.deepEqual(list.initiatives.map((i) => [i.name, i.goal, i.relation]), [['Basin Fund', 'grants for water points by 2030', 'we join it'], ['Filter Drive', 'filters for every household', '']]);
    });

    it('compares goals by their content words', () => {
      const same = goalOverlap('Safe drinking water for 200,000 people in Riverlands\u2019 northern districts by 2028', 'By 2030, 1 million people in Riverlands province will use a safely managed drinking-water service');
      assert.ok(same.score >= 0.4, JSON.stringify(same));
      assert.ok(same.shared.includes('drinking') && same.shared.includes('water'));
      assert.ok(goalOverlap('Filters for families in flood-prone villages', 'By 2030, 1 million people in Riverlands will use safe water').score < 0.4);
      assert.equal(editDistance('goverment', 'government'), 1);
    });
  });

  describe('the power–interest grid', () => {
    it('maps power and interest to the four strategies (medium counts as high)', () => {
      assert.equal(quadrantOf('high', 'high'), 'manage-closely');
      assert.equal(quadrantOf('medium', 'medium'), 'manage-closely');
      assert.equal(quadrantOf('high', 'low'), 'keep-satisfied');
      assert.equal(quadrantOf('low', 'medium'), 'keep-informed');
      assert.equal(quadrantOf('low', 'low'), 'monitor');
    });

    it('places every actor once, inside its quadrant and band, without overlaps', () => {
      const m = parseLandscape(SAMPLE);
      const g = layoutGrid(m);
      assert.equal(g.chips.length + g.unplaced.length, m.actors.length);
      assert.equal(g.unplaced.length, 0);
      for (const c of g.chips) {
        const q = g.quadrants.find((x) => x.id === c.quadrant)!;
        assert.ok(c.x >= q.x && c.x + c.width <= q.x + q.width && c.y >= q.y && c.y + c.height <= q.y + q.height, `${c.actor.name} inside ${q.id}`);
        const col = g.columns.find((x) => x.level === c.actor.interest)!;
        const row = g.rows.find((x) => x.level === c.actor.power)!;
        assert.ok(c.x >= col.x && c.x + c.width <= col.x + col.width && c.y >= row.y && c.y + c.height <= row.y + row.height, `${c.actor.name} in its band`);
      }
      for (let i = 0; i < g.chips.length; i++) {for (let j = i + 1; j < g.chips.length; j++) {
        const a = g.chips[i];
        const b = g.chips[j];
        assert.ok(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y, `${a.actor.name} / ${b.actor.name} overlap`);
      }}
      assert.deepEqual(Object.fromEntries(g.quadrants.map((q) => [q.id, q.count])), { 'keep-satisfied': 3, 'manage-closely': 8, monitor: 0, 'keep-informed': 3 });
      assert.ok(g.quadrants.find((q) => q.id === 'manage-closely')!.y < g.quadrants.find((q) => q.id === 'keep-informed')!.y, 'power grows upwards');
    });

    it('moves an actor when its row changes, and lists actors without levels below the grid', () => {
      const before = layoutGrid(parseLandscape(SAMPLE)).chips.find((c) => c.actor.name === 'Ministry of Finance')!;
      const edited = SAMPLE.replace('| Ministry of Finance | government | high | low |', '| Ministry of Finance | government | low | high |');
      const after = layoutGrid(parseLandscape(edited)).chips.find((c) => c.actor.name === 'Ministry of Finance')!;
      assert.equal(before.quadrant, 'keep-satisfied');
      assert.equal(after.quadrant, 'keep-informed');
      assert.ok(after.y > before.y && after.x > before.x);
      const g = layoutGrid(parseLandscape(SAMPLE.replace('| Ministry of Finance | government | high | low |', '| Ministry of Finance | government | ? | low |')));
      assert.deepEqual(g.unplaced.map((c) => c.actor.name), ['Ministry of Finance']);
      assert.ok(g.unplaced[0].y > g.plot.y + g.plot.height);
    });

    it('grows rows with their content (200 actors stay inside the picture)', () => {
      const m = parseLandscape(benchMap(200));
      const g = layoutGrid(m);
      assert.equal(g.chips.length, 200);
      for (const c of g.chips) assert.ok(c.y + c.height <= g.plot.y + g.plot.height && c.x + c.width <= g.width);
      assert.ok(g.height > g.plot.y + g.plot.height);
    });
  });

  describe('the ecosystem network', () => {
    it('has a node per actor and an edge per relation; relations to unknown names get a placeholder node', () => {
      const m = parseLandscape(mapText({ relations: ['- BWA funds Village committees', '- Ghost Org supports Village committees', '- BWA funds BWA'] }));
      const g = networkGraph(m);
      assert.deepEqual(g.nodes.map((n) => [n.id, n.isolated, !!n.actor]), [
        ['basin-water-authority-bwa', false, true],
        ['village-committees', false, true],
        ['lake-bottling-ltd', true, true],
        ['unknown:ghost org', false, false],
      ]);
      assert.deepEqual(g.edges.map((e) => [e.from, e.to]), [['basin-water-authority-bwa', 'village-committees'], ['unknown:ghost org', 'village-committees']], 'self relations are not drawn');
    });

    it('lays out the sample with dagre: every relation routed between its boxes, boxes apart, isolated actors below', () => {
      const m = parseLandscape(SAMPLE);
      const l = layoutNetwork(m);
      assert.equal(l.simplified, false);
      assert.equal(l.edges.length, 12);
      const byId = new Map(l.nodes.map((n) => [n.id, n]));
      const near = (p: { x: number; y: number }, n: { x: number; y: number; width: number; height: number }) => p.x >= n.x - 1 && p.x <= n.x + n.width + 1 && p.y >= n.y - 1 && p.y <= n.y + n.height + 1;
      for (const e of l.edges) {
        assert.ok(near(e.points[0], byId.get(e.from)!), `${e.relation.from} → starts at its box`);
        assert.ok(near(e.points[e.points.length - 1], byId.get(e.to)!), `→ ${e.relation.to} ends at its box`);
      }
      for (const a of l.nodes) for (const b of l.nodes) if (a !== b) assert.ok(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y, `${a.name} / ${b.name}`);
      for (const n of l.nodes) assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= l.width && n.y + n.height <= l.height);
      const withLonely = layoutNetwork(parseLandscape(mapText({ relations: ['- BWA funds Village committees'] })));
      const lonely = withLonely.nodes.find((n) => n.isolated)!;
      assert.equal(lonely.name, 'Lake Bottling Ltd');
      assert.ok(withLonely.isolatedY !== undefined && lonely.y > withLonely.isolatedY);
    });

    it('lays a large network out along a spanning tree and draws the other relations on top', () => {
      const m = parseLandscape(benchMap(120));
      const l = layoutNetwork(m);
      assert.equal(l.simplified, true);
      assert.ok(m.actors.length > FULL_NETWORK_LIMIT.nodes);
      assert.equal(l.edges.length, networkGraph(m).edges.length, 'every relation is drawn');
      const extra = l.edges.filter((e) => e.extra).length;
      assert.ok(extra > 0 && extra < l.edges.length);
      assert.match(networkNotice(l)!, new RegExp(`the other ${extra} relations are drawn as curves`));
      assert.equal(networkNotice(layoutNetwork(parseLandscape(SAMPLE))), undefined);
    });
  });

  describe('SVG', () => {
    const EVIL = '<script>alert(1)</script> & "q" \'s\' ]]> {x}';
    const evil = mapText({
      rows: [`| ${EVIL} (E\\|V) | government | high | high | ally | ${EVIL} | Founding party (${EVIL}) |`, '| Village committees | community | low | high | ally | y | — |'],
      relations: [`- E\\|V funds Village committees (${EVIL})`, `- ${EVIL} → Village committees: ${EVIL}`],
      initiatives: [`| ${EVIL} | ${EVIL} | |`],
    });

    it('is well-formed XML with every actor, for the sample, a hostile map and 200 actors', () => {
      for (const text of [SAMPLE, evil, benchMap(200)]) {
        const m = parseLandscape(text);
        for (const view of ['grid', 'network'] as const) {
          for (const mode of ['webview', 'standalone'] as const) {
            const svg = mode === 'standalone' ? standaloneMapSvg(m, view) : renderMapSvg(m, view, { mode }).svg;
            const doc = parseSvg(svg);
            const ids = [...doc.querySelectorAll('g.lm-actor')].map((g) => g.getAttribute('data-id'));
            for (const a of m.actors) assert.ok(ids.includes(a.id), `${view}/${mode}: ${a.name} is drawn`);
            if (view === 'network') assert.equal(doc.querySelectorAll('g.lm-edge').length, networkGraph(m).edges.length);
          }
        }
      }
    });

    it('escapes user text everywhere: no element or attribute comes from the document', () => {
      const m = parseLandscape(evil);
      for (const view of ['grid', 'network'] as const) {
        const svg = renderMapSvg(m, view).svg;
        assert.doesNotMatch(svg, /<script/);
        const doc = parseSvg(svg);
        assert.equal(doc.getElementsByTagName('script').length, 0);
        const allowed = new Set(['svg', 'title', 'g', 'rect', 'text', 'tspan', 'circle', 'line', 'path', 'defs', 'marker']);
        for (const el of doc.getElementsByTagName('*')) assert.ok(allowed.has(el.localName), `unexpected <${el.localName}>`);
        assert.ok(doc.documentElement.textContent!.includes('<script>alert(1)</script>'), 'the text itself is shown');
        for (const el of doc.getElementsByTagName('*')) for (const attr of el.getAttributeNames()) assert.ok(!attr.startsWith('on'), `event handler ${attr}`);
      }
    });

    it('webview mode has classes only and focusable actors; standalone mode carries its own colours and no theme variables', () => {
      const m = parseLandscape(SAMPLE);
      for (const view of ['grid', 'network'] as const) {
        const web = renderMapSvg(m, view).svg;
        assert.doesNotMatch(web, / style=| fill="#| stroke="#/);
        assert.match(web, /<g class="lm-actor [^"]*" data-id="[^"]+" data-line="\d+"[^>]* tabindex="-1" role="button"><title>[^<]+<\/title>/);
        const alone = standaloneMapSvg(m, view);
        assert.match(alone, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="lm-diagram lm-/);
        assert.match(alone, /fill="#ffffff"/);
        assert.doesNotMatch(alone, /var\(--|tabindex/);
      }
    });

    it('the grid shows the four strategies, the axes, a legend of types and the key; actors carry their quadrant', () => {
      const m = parseLandscape(SAMPLE);
      const doc = parseSvg(gridSvg(layoutGrid(m), m));
      const labels = [...doc.querySelectorAll('.lm-quadrant-label')].map((t) => t.childNodes[0].textContent);
      assert.deepEqual(labels, ['Keep satisfied (3)', 'Manage closely (8)', 'Monitor (0)', 'Keep informed (3)']);
      assert.deepEqual([...doc.querySelectorAll('.lm-legend-text')].map((t) => t.textContent), ['Government (5)', 'Multilateral (1)', 'Business (2)', 'Civil society (2)', 'Community (2)', 'Philanthropy (1)', 'Research (1)']);
      assert.equal(doc.querySelector('g.lm-actor[data-id="ministry-of-finance"]')!.getAttribute('data-quadrant'), 'keep-satisfied');
      assert.match(doc.querySelector('g.lm-actor[data-id="waterworks-cooperative"] > title')!.textContent!, /^WaterWorks Cooperative: community; power medium; interest high; ally; founding party, board constituency \(community water committees\); manage closely$/);
      assert.ok(doc.querySelector('g.lm-actor[data-id="waterworks-cooperative"] .lm-star'), 'a star for a decision role');
    });

    it('marks actors and relations on problem lines, and the cursor\u2019s actor', () => {
      const m = parseLandscape(SAMPLE);
      const finance = m.actors.find((a) => a.name === 'Ministry of Finance')!;
      const rel = m.relations[0];
      const grid = parseSvg(renderMapSvg(m, 'grid', { problemLines: [finance.line], highlight: 'delta-university' }).svg);
      assert.ok(grid.querySelector('g.lm-actor.lm-problem[data-id="ministry-of-finance"] .lm-badge'));
      assert.equal(grid.querySelectorAll('g.lm-actor.lm-problem').length, 1);
      assert.ok(grid.querySelector('g.lm-actor.lm-current[data-id="delta-university"]'));
      const net = parseSvg(renderMapSvg(m, 'network', { problemLines: [rel.line] }).svg);
      assert.equal(net.querySelectorAll('g.lm-edge.lm-problem').length, 1);
      assert.equal(net.querySelector('g.lm-edge.lm-problem')!.getAttribute('data-line'), String(rel.line));
    });

    it('paths pass through every point; undirected relations have no arrowhead', () => {
      assert.equal(throughPath([{ x: 0, y: 0 }, { x: 10, y: 0 }]), 'M0,0L10,0');
      const d = throughPath([{ x: 0, y: 0 }, { x: 0, y: 100 }, { x: 100, y: 100 }]);
      assert.match(d, /^M0,0L0,90Q0,100 10,100L100,100$/);
      const net = networkSvg(layoutNetwork(parseLandscape(SAMPLE)), parseLandscape(SAMPLE));
      assert.match(net, /<g class="lm-edge lm-edge-partners-with lm-undirected"[^>]*><title>[^<]*<\/title><path class="lm-edge-line" d="[^"]+"\/>/);
      assert.match(net, /<g class="lm-edge lm-edge-funds"[^>]*><title>[^<]*<\/title><path class="lm-edge-line" d="[^"]+" marker-end="url\(#lm-arrow\)"\/>/);
    });

    it('summary and empty state for the page', () => {
      assert.equal(mapSummary(parseLandscape(SAMPLE)), '14 actors · 12 relations · 3 initiatives');
      assert.match(mapEmptyMessage(parseLandscape('---\ntype: landscape-map\n---\n## Actors\n'))!, /^Nothing to draw yet/);
      assert.equal(mapEmptyMessage(parseLandscape(SAMPLE)), undefined);
    });
  });

  describe('checks', () => {
    it('the sample map has exactly one problem: an initiative with the hub\u2019s goal and no stated relation', async () => {
      const findings = check(SAMPLE, await linkedOf(SAMPLE_PATH, SAMPLE));
      assert.deepEqual(findings.map((f) => [f.rule, SAMPLE.split('\n')[f.line - 1].slice(0, 32)]), [['map/initiative-overlap', '| Northern piped-water project |']]);
      assert.match(findings[0].message, /much the same goal as the hub \(safe, drinking, water, people, riverlands; compared with the charter's goal \(\.\/riverlands-charter\.md\)\)/);
      const fix = findings[0].fixes.find((f) => f.kind === 'replace-range' && f.title.startsWith('State the relation: "Coordinates with it'));
      assert.ok(fix && fix.kind === 'replace-range');
      const line = SAMPLE.split('\n')[fix.line - 1];
      assert.equal(line.slice(0, fix.column - 1) + fix.text + line.slice(fix.endColumn - 1), '| Northern piped-water project | Safe drinking water for 200,000 people in Riverlands\' northern districts by 2028 | Coordinates with it: |');
    });

    it('map/affected-communities: absent, or only low power and no role, is reported; a role or power passes', () => {
      const none = mapText({ rows: ['| BWA | government | high | high | ally | x | Founding party |'], relations: [] });
      assert.match(check(none).find((f) => f.rule === 'map/affected-communities')!.message, /No affected community is on the map/);
      const weak = mapText({ rows: ['| BWA | government | high | high | ally | x | — |', '| Households | community | low | high | neutral | y | Consulted |'], relations: [] });
      assert.match(check(weak).find((f) => f.rule === 'map/affected-communities')!.message, /only with low power and no role in the hub's decisions \("Households"\)/);
      assert.ok(!rulesOf(check(mapText())).includes('map/affected-communities'), 'a community with a board constituency passes');
      const medium = mapText({ rows: ['| BWA | government | high | high | ally | x | — |', '| Households | community | medium | high | neutral | y | — |'], relations: [] });
      assert.ok(!rulesOf(check(medium)).includes('map/affected-communities'), 'medium power passes');
    });

    it('map/needed-actor-type: government by default, the front matter\u2019s needs otherwise; unknown needs reported', () => {
      const noGov = mapText({ rows: ['| Village committees | community | medium | high | ally | y | Board constituency |'], relations: [] });
      assert.match(check(noGov).find((f) => f.rule === 'map/needed-actor-type')!.message, /No government actor on the map, but by default a hub works with and through governments/);
      const needs = mapText({ front: 'needs: [government, business, research, spaceships]' });
      const found = check(needs).filter((f) => f.rule === 'map/needed-actor-type');
      assert.deepEqual(found.map((f) => f.message.slice(0, 40)), ['"spaceships" in needs: is not an actor t', 'No research actor on the map, but the fr']);
      assert.equal(found[1].line, 4, 'at the needs: line');
      assert.ok(!rulesOf(check(mapText())).includes('map/needed-actor-type'));
      assert.ok(!rulesOf(check(mapText({ front: 'needs: []', rows: ['| X | business | high | high | ally | x | Founding party |', '| C | community | high | high | ally | x | — |'], relations: [] }))).includes('map/needed-actor-type'), 'needs: [] needs nothing');
    });

    it('map/initiative-overlap: the same goal without a relation is reported; a stated relation or another goal passes', () => {
      const goal = 'goal: "By 2030, 300,000 people in the basin will use safe water all year round"';
      const same = mapText({ front: goal, initiatives: ['| Basin water drive | Safe water for 100,000 people in the basin by 2028 | |'] });
      assert.match(check(same).find((f) => f.rule === 'map/initiative-overlap')!.message, /"Basin water drive" has much the same goal as the hub \(safe, water, people, basin; compared with the goal in the front matter\)/);
      const related = mapText({ front: goal, initiatives: ['| Basin water drive | Safe water for 100,000 people in the basin by 2028 | Coordinates with it |'] });
      assert.ok(!rulesOf(check(related)).includes('map/initiative-overlap'));
      const other = mapText({ front: goal, initiatives: ['| Reading clubs | Every child reads by age ten | |'] });
      assert.ok(!rulesOf(check(other)).includes('map/initiative-overlap'));
      const noGoal = mapText({ initiatives: ['| Reading clubs | Every child reads by age ten | — |'] });
      assert.match(check(noGoal).find((f) => f.rule === 'map/initiative-overlap')!.message, /does not say how the hub relates to it/);
    });

    it('map/unknown-actor: a relation naming someone not in the table, with "change to" and "add a row" fixes', () => {
      const text = mapText({ relations: ['- Basin Water Authorty funds Village committees'] });
      const f = check(text).find((x) => x.rule === 'map/unknown-actor')!;
      assert.match(f.message, /"Basin Water Authorty" is not in the actors table: did you mean "Basin Water Authority \(BWA\)"\?/);
      assert.deepEqual(f.fixes.map((x) => x.title), ['Change to "Basin Water Authority (BWA)"', 'Add "Basin Water Authorty" to the actors table', 'Turn off map/unknown-actor for this document']);
      const add = f.fixes[1];
      assert.ok(add.kind === 'insert-after');
      assert.equal(text.split('\n')[add.line - 1], '| Lake Bottling Ltd | business | medium | low | opponent | Sells bottled water | — |', 'after the last actor row');
      assert.equal(add.snippet, '\n| Basin Water Authorty | ${1|government,multilateral,business,civil society,community,philanthropy,research|} | ${2|high,medium,low|} | ${3|high,medium,low|} | ${4|ally,neutral,opponent|} | ${5} | ${6} |');
      assert.equal(actorRowSnippet('A|B $x', ['name']), '\n| A\\\\|B \\$x |');
      assert.ok(!rulesOf(check(mapText())).includes('map/unknown-actor'));
    });

    it('map/malformed-row: unknown values with a "change to" fix; an empty map asks for the Actors section', () => {
      const text = mapText({ rows: ['| BWA | goverment | high | high | ally | x | — |', '| Village committees | community | medium | high | ally | y | Board constituency |'] });
      const f = check(text).filter((x) => x.rule === 'map/malformed-row');
      assert.equal(f.length, 1);
      assert.match(f[0].message, /"goverment" is not a type: write government, multilateral, business, civil society, community, philanthropy, research\. Did you mean "government"\?/);
      const fix = f[0].fixes[0];
      assert.ok(fix.kind === 'replace-range' && fix.text === 'government');
      const line = text.split('\n')[fix.line - 1];
      assert.equal(line.slice(fix.column - 1, fix.endColumn - 1), 'goverment');
      const empty = check('---\ntype: landscape-map\n---\n\n# M\n');
      const e = empty.find((x) => x.rule === 'map/malformed-row')!;
      assert.match(e.message, /No actors table/);
      assert.deepEqual(e.fixes[0], { kind: 'insert-section', title: 'Insert the "Actors" section', outline: 'landscape-map', section: 'actors' });
      assert.ok(!rulesOf(check(mapText())).includes('map/malformed-row'));
    });

    it('map rules run only on landscape maps, and a map with no problems has no findings', () => {
      assert.deepEqual(check(mapText()), []);
      assert.deepEqual(rulesOf(check(mapText().replace('type: landscape-map', 'type: hub-charter'))), []);
    });
  });

  describe('from the map to the charter', () => {
    it('charter/map-actor-missing: a founding party or board constituency on the map that the charter does not name', async () => {
      const charterPath = path.join(SAMPLES, 'riverlands-charter.md');
      const linked = await linkedOf(charterPath, CHARTER);
      assert.ok(linked.landscape && 'text' in linked.landscape);
      assert.deepEqual(rulesOf(check(CHARTER, linked), 'charter/map'), [], 'the sample charter names every founding party');
      const map = linked.landscape.text.replace('| Riverlands Women\'s Water Network | civil society | low | high | ally | Organises women who fetch water in the dry season | — |', '| Riverlands Women\'s Water Network | civil society | low | high | ally | Organises women who fetch water in the dry season | Board constituency (women water users) |');
      const found = check(CHARTER, { landscape: { path: './riverlands-landscape.md', text: map } }).filter((f) => f.rule === 'charter/map-actor-missing');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /marks "Riverlands Women's Water Network" as a board constituency \(women water users\), but the charter does not name it/);
      assert.equal(CHARTER.split('\n')[found[0].line - 1], '## 8. Membership and constituencies');
      const unread = check(CHARTER, { landscape: { path: './missing.md', error: 'ENOENT' } }).filter((f) => f.rule === 'charter/map-actor-missing');
      assert.match(unread[0].message, /cannot be read \(ENOENT\)/);
      assert.equal(CHARTER.split('\n')[unread[0].line - 1], 'landscape: ./riverlands-landscape.md');
    });

    it('the Charter Guide model carries the map\u2019s summary; a map shows its own sections', async () => {
      const linked = await linkedOf(path.join(SAMPLES, 'riverlands-charter.md'), CHARTER);
      const result = checkDocument(CHARTER, { today: TODAY, linked });
      const guide = buildGuide(result.doc!, result, elementOfHeading)!;
      assert.equal(guide.landscape?.summary, 'Landscape map: 14 actors, 4 allies missing from the charter');
      assert.deepEqual(guide.landscape?.alliesMissing.map((a) => a.name), ['Provincial Health Department', 'Clear Water Trust', "Riverlands Women's Water Network", 'Blue River Foundation']);
      const mapResult = checkDocument(SAMPLE, { today: TODAY, linked: await linkedOf(SAMPLE_PATH, SAMPLE) });
      const mapGuide = buildGuide(mapResult.doc!, mapResult, elementOfHeading)!;
      assert.deepEqual(mapGuide.items.map((i) => [i.id, i.status]), [['problem', 'written'], ['actors', 'written'], ['relations', 'written'], ['initiatives', 'problems'], ['power', 'written'], ['gap', 'written'], ['review', 'written']]);
      assert.equal(mapGuide.summary, '7 of 7 sections · 1 problem');
      const fresh = checkDocument('---\ntype: landscape-map\n---\n# X\n\n## 2. Actors\n\n' + HEADER + '\n', { today: TODAY });
      const freshGuide = buildGuide(fresh.doc!, fresh, elementOfHeading)!;
      assert.equal(freshGuide.items.find((i) => i.id === 'actors')!.status, 'problems', 'a header-only table is not written');
      assert.equal(freshGuide.items.find((i) => i.id === 'relations')!.insert, 'relations');
    });

    it('compares names, aliases and constituency labels with the charter\u2019s own words (not its guidance)', () => {
      const charter = parseMarkdown('# C\n\n## 1. Parties\n\n> Guidance naming Acme Corp.\n\nThe founding parties are the BWA and the farmers.\n');
      const map = mapText({ rows: ['| Basin Water Authority (BWA) | government | high | high | ally | x | Founding party |', '| Farmers Union | community | medium | high | ally | y | Board constituency (farmers) |', '| Acme Corp | business | low | low | ally | z | Founding party |'], relations: [] });
      const link = compareWithCharter('./m.md', map, charter);
      assert.deepEqual(link.missing.map((m) => m.actor.name), ['Acme Corp']);
      assert.deepEqual(link.alliesMissing.map((a) => a.name), ['Farmers Union', 'Acme Corp']);
    });
  });

  describe('CLI and protocol', () => {
    async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
      let out = '';
      let err = '';
      const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
      return { code, out, err };
    }

    it('impact-hubs diagram draws a map\u2019s grid (default) or network, SVG or PNG', async () => {
      const grid = await run(['diagram', SAMPLE_PATH]);
      assert.equal(grid.code, 0, grid.err);
      assert.match(grid.out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="lm-diagram lm-grid lm-standalone"/);
      assert.equal((grid.out.match(/<g class="lm-actor /g) ?? []).length, 14);
      const net = await run(['diagram', SAMPLE_PATH, '--view', 'network']);
      assert.match(net.out, /class="lm-diagram lm-network lm-standalone"/);
      assert.equal((net.out.match(/<g class="lm-edge /g) ?? []).length, 12);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-map-'));
      try {
        const png = path.join(dir, 'grid.png');
        const r = await run(['diagram', SAMPLE_PATH, '-o', png]);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /grid\.png: power–interest grid, 14 actors · 12 relations · 3 initiatives/);
        assert.deepEqual([...fs.readFileSync(png).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
        const bad = path.join(dir, 'bad.md');
        fs.writeFileSync(bad, mapText({ rows: ['| X | goverment | high | high | ally | x | — |'] }));
        const b = await run(['diagram', bad]);
        assert.equal(b.code, 0);
        assert.match(b.err, /bad\.md:\d+: "goverment" is not a type.*\[unknown-type\]/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      assert.equal((await run(['diagram', SAMPLE_PATH, '--view', 'pie'])).code, 2);
      assert.equal((await run(['diagram', SAMPLE_PATH, '--format', 'mermaid'])).code, 2);
      assert.equal((await run(['diagram', path.join(SAMPLES, 'riverlands-theory-of-change.md'), '--view', 'grid'])).code, 2);
    });

    it('impact-hubs check reads the map and its linked charter', async () => {
      const r = await run(['check', SAMPLE_PATH, '--today', TODAY]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /riverlands-landscape\.md:60:1 warning map\/initiative-overlap "Northern piped-water project"/);
    });

    it('the page protocol accepts only well-formed messages', () => {
      assert.deepEqual(parseMapMessage({ type: 'reveal', line: 3 }), { type: 'reveal', line: 3 });
      assert.deepEqual(parseMapMessage({ type: 'tab', tab: 'network' }), { type: 'tab', tab: 'network' });
      assert.deepEqual(parseMapMessage({ type: 'command', command: 'exportMap' }), { type: 'command', command: 'exportMap' });
      for (const bad of [null, 'x', { type: 'reveal', line: -1 }, { type: 'reveal', line: '2' }, { type: 'tab', tab: 'pie' }, { type: 'command', command: 'rm -rf' }, { type: 'rendered', version: 1.5 }, { type: 'eval' }]) assert.equal(parseMapMessage(bad), undefined, JSON.stringify(bad));
    });
  });
});

// Keep the type import used (the helper signature documents what tests build).
export type { LandscapeMap };
