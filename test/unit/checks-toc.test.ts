import * as assert from 'node:assert/strict';
import { checkDocument } from '../../src/checks/runner';
import { goalSimilarity } from '../../src/checks/rules/toc';
import type { Finding } from '../../src/checks/types';

const TODAY = '2026-11-29';

/** A theory of change in the notation that passes every rule; each test breaks one thing. */
const GOOD_TOC = `---
type: theory-of-change
hub: Lake Basin Hub
---

# Lake Basin Hub — Theory of Change

## 2. Long-term goal

By 2030, 300,000 people in the basin use safe water all year round.

## 3. Outcomes pathway

- Village schemes work all year round. {#working}
  - Each scheme has a maintenance fund. {#funds}
    - Indicator: schemes with a fund; target 90%; by 2028 (source provincial audit)
    - Assumption: municipalities keep tariff powers (evidence: 2019 law; risk: medium).
  - Operators can get spare parts within a week. {#parts}
- Households trust the safe source. {#trust}
  - Assumption: villagers can read results on their phones (untested; risk: high).

## 6. Interventions

- WaterWorks sets up maintenance funds → funds
- The authority contracts spare-parts depots → parts
- Delta University publishes water tests → trust

## 12. Learning and review plan

Next review: 30 June 2027, led by the Board.
`;

const rules = (text: string, linked = {}) => checkDocument(text, { today: TODAY, linked }).findings;
const ids = (fs: Finding[]) => [...new Set(fs.map((f) => f.rule))].sort();
function swap(from: string, to: string): string {
  assert.ok(GOOD_TOC.includes(from), from);
  return GOOD_TOC.replace(from, to);
}

describe('checks: theory-of-change rules (on the diagram\u2019s graph)', () => {
  it('a sound theory of change passes every rule', () => {
    assert.deepEqual(rules(GOOD_TOC).map((f) => `${f.rule}:${f.line} ${f.message}`), []);
  });

  const cases: { rule: string; from: string; to: string; expect: RegExp; line?: number }[] = [
    { rule: 'toc/outcome-is-activity', from: '- Households trust the safe source. {#trust}', to: '- Train households to test water. {#trust}', expect: /is an activity, not a changed state/ },
    { rule: 'toc/orphan-intervention', from: '- The authority contracts spare-parts depots → parts', to: '- The authority contracts spare-parts depots', expect: /names no outcome/ },
    { rule: 'toc/pathway-without-assumption', from: '  - Assumption: villagers can read results on their phones (untested; risk: high).\n', to: '', expect: /"Households trust the safe source\." has no assumption/ },
    { rule: 'toc/indicator-parts', from: '    - Indicator: schemes with a fund; target 90%; by 2028 (source provincial audit)', to: '    - Indicator: schemes with a fund', expect: /lacks how many or how much \(a target\), by when, the data source/ },
    { rule: 'toc/notation', from: '- WaterWorks sets up maintenance funds → funds', to: '- WaterWorks sets up maintenance funds → fundz', expect: /fundz/ },
  ];
  for (const c of cases) {
    it(`${c.rule}: ${c.expect.source.slice(0, 40)}`, () => {
      const fs = rules(swap(c.from, c.to));
      assert.ok(ids(fs).includes(c.rule), fs.map((f) => `${f.rule}: ${f.message}`).join('\n'));
      assert.match(fs.filter((f) => f.rule === c.rule).map((f) => f.message).join('\n'), c.expect);
    });
  }

  it('offers fixes: an assumption stub under the pathway, placeholders for missing indicator parts, "→ outcome"', () => {
    const assumption = rules(swap('  - Assumption: villagers can read results on their phones (untested; risk: high).\n', '')).find((f) => f.rule === 'toc/pathway-without-assumption')!;
    const fix = assumption.fixes.find((x) => x.kind === 'insert-after');
    assert.ok(fix && fix.kind === 'insert-after');
    assert.match(fix.snippet, /^\n {2}- Assumption: \$\{1:what must hold for this pathway\}/);
    const indicator = rules(swap('    - Indicator: schemes with a fund; target 90%; by 2028 (source provincial audit)', '    - Indicator: schemes with a fund')).find((f) => f.rule === 'toc/indicator-parts')!;
    const add = indicator.fixes.find((x) => x.kind === 'insert-after');
    assert.ok(add && add.kind === 'insert-after');
    assert.equal(add.snippet, '; target ${1:how many}; by ${2:when} (source ${3:where the data come from})');
    const text = swap('    - Indicator: schemes with a fund; target 90%; by 2028 (source provincial audit)', '    - Indicator: schemes with a fund; target 90%; by 2028 (source provincial audit)');
    assert.deepEqual(rules(text).filter((f) => f.rule === 'toc/indicator-parts'), []);
  });

  it('the long-term goal must match the linked charter\u2019s goal', () => {
    const charter = '---\ntype: hub-charter\n---\n\n# C\n\n## 3. Purpose and goal\n\nBy 2030, 300,000 people in the basin use safe water all year round.\n';
    const linked = (text: string) => ({ charter: { path: './charter.md', text } });
    const withLink = swap('hub: Lake Basin Hub', 'hub: Lake Basin Hub\ncharter: ./charter.md');
    assert.deepEqual(rules(withLink, linked(charter)).filter((f) => f.rule === 'toc/goal-matches-charter'), []);
    const other = charter.replace('300,000 people in the basin use safe water all year round', 'every school in the region has clean toilets and handwashing stations');
    const f = rules(withLink, linked(other)).find((x) => x.rule === 'toc/goal-matches-charter');
    assert.ok(f, 'a different goal is reported');
    assert.match(f.message, /differs from the goal of \.\/charter\.md \(line 9\)/);
    assert.ok(f.fixes.some((x) => x.kind === 'replace-lines' && x.title === 'Use the charter\u2019s goal'));
    const missing = rules(withLink, { charter: { path: './charter.md', error: 'ENOENT' } }).find((x) => x.rule === 'toc/goal-matches-charter');
    assert.match(missing?.message ?? '', /cannot be read \(ENOENT\)/);
    assert.ok(goalSimilarity('By 2030, halve deaths', 'halve deaths by 2030') > 0.9);
  });

  it('malformed theories of change never throw', () => {
    for (const t of ['---\ntype: theory-of-change\n---\n', '---\ntype: theory-of-change\n---\n## 3. Outcomes pathway\n- a {#x}\n- b {#x}\n## 4. Causal links\n- x → x\n', `---\ntype: theory-of-change\n---\n## 3. Outcomes pathway\n${'  '.repeat(200)}- deep\n`]) {
      const r = checkDocument(t, { today: TODAY });
      assert.ok(Array.isArray(r.findings));
    }
  });
});
