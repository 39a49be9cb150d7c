import * as assert from 'node:assert/strict';
import { checkDocument } from '../../src/checks/runner';
import { parseLandscape } from '../../src/documents/landscape';
import { parseTheoryOfChange } from '../../src/documents/toc';

/**
 * Random documents built from the notations' own line forms (and their mistakes), with a fixed
 * seed: the parsers and every rule must read them without an internal error. The parsers and the
 * rule runner turn an exception into a problem ("could not be read", "failed on this document"),
 * so an error shows as that text. This run found that an intervention nested in the pathway broke
 * the theory-of-change parser.
 */
const TOC_LINES = ['## Long-term goal', '## 2. Long-term goal (impact)', '## Outcomes pathway', '## Interventions', '## Indicators', '## Assumptions', '## Causal links and rationales', '## Diagram',
  'By 2030, 1 million people use safe water.', '- Village schemes work {#working}', '  - Each scheme has a fund {#funds}', '    - Indicator: schemes; target 90%; by 2028', '  - Output: 1,200 plans', '  - Intervention: Radio spots → trust', '- Intervention: Top level → o1',
  '- Indicator: orphan', '- Assumption: Droughts do not exceed 2019', '- funds → working: because money', '- o9 → o1: because', '- working → working: self', '- Do X → o1, o2, nope', '- Do Y -> {#y}', '  - detail of Y', '- o1: Fees stay low.', '- **o2:** parents; target 70%; by 2029',
  '```', '- inside code', '> - quoted', '*By <date>, <number> <population>*', '', '', '---', 'type: theory-of-change', '- {#dup} A', '- A {#dup}', '- B {#dup}', '\t- tabbed', '1. numbered', '- ', '-', '- →', '- o1 → ', '- → o1'];
const MAP_LINES = ['## Actors', '## Relations', '## Existing initiatives', '| Actor | Type | Power | Interest | Stance | Already does | Role in the hub |', '|---|---|---|---|---|---|---|', '| PWA | government | high | high | ally | Sets | Founding party |', '| Cooperative | community | medium | high | ally | Runs | board constituency |', '| X | unknown | huge | | | | |', '| | | | |', '| Initiative | Goal | Relation to the hub |', '| Piped water | same goal as the hub | |', '- PWA funds Cooperative', '- PWA funds Nobody', '- Cooperative partners with PWA', '- funds', '- PWA regulates', '---', 'type: landscape-map', 'needs: [government, community]', '', '```', '|---|'];

const CHARTER_LINES = ['---', 'type: hub-charter', 'hub: X', 'checks:', '  charter/goal-measurable: off', 'landscape: ./map.md', '# X — Charter', '## 1. Parties and legal status', '## 3. Purpose and goal', '## Scope', '## 9. Governance structure', '## Decision-making', '## Voting', '## Membership', '## The Board', '## Secretariat', '## Review and amendment', '## Dissolution', '## Term of this MoU', '## Conflicts of interest',
  'By 2030, halve violence in 12 districts.', 'We will strengthen cooperation.', 'A Steering Board of 11 seats: government 2, communities 3, operators 1.', '| Constituency | Seats | Chosen by |', '|---|--:|---|', '| Government | 2 | Ministry |', '| Communities | three | Assembly |', '| Total | 11 | |',
  'Terms are two years, renewable once.', 'Terms last a while.', 'Decisions by consensus, otherwise two-thirds; quorum is 7; the chair breaks ties.', 'Out of scope: sanitation.', 'Communities will be consulted.', 'Members declare conflicts of interest and abstain.', 'The charter will be reviewed on 31 December 2099.', 'The hub closes when the goal is met.',
  '- Provincial Water Authority: regulation.', '- Delta University:', '*Describe the problem.*', '${1:party one}', '> **Purpose:** guidance', '[[hub:gavi]] and [[hub:nope]]', '[^1]: https://example.org', 'Text[^1] and [^2].', '', '', '```', '| | |', '1. First clause', '   a. sub-clause'];

describe('notation fuzz: random theories of change, landscape maps and charters never break a parser or a rule', () => {
  it('reads 400 random documents of each kind (theory of change, map, charter), and checks them as every document type', function () {
    this.timeout(60000);
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const doc = (lines: string[]) => Array.from({ length: 3 + rnd(40) }, () => lines[rnd(lines.length)]).join('\n');
    const broken: string[] = [];
    for (let i = 0; i < 400; i++) {
      const toc = doc(TOC_LINES);
      const map = doc(MAP_LINES);
      for (const p of parseTheoryOfChange(toc).problems) if (p.message.includes('could not be read')) broken.push(`${p.message}\n${toc}`);
      for (const p of parseLandscape(map).problems) if (p.message.includes('could not be read')) broken.push(`${p.message}\n${map}`);
      const charter = doc(CHARTER_LINES);
      for (const type of ['theory-of-change', 'landscape-map', 'hub-charter'] as const) {
        const text = type === 'landscape-map' ? map : type === 'hub-charter' && i % 2 ? charter : toc;
        for (const f of checkDocument(text, { today: '2026-11-29', type }).findings) if (f.message.includes('failed on this document')) broken.push(`${f.message}\n${text}`);
      }
    }
    assert.deepEqual(broken.slice(0, 2), []);
  });
});
