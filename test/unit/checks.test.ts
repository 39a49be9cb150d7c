import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderTemplate } from '../../src/core/authoring';
import { findQuote } from '../../src/core/examples';
import { rulesMarkdown } from '../../src/checks/docs';
import { RULES } from '../../src/checks/rules';
import { checkDocument } from '../../src/checks/runner';
import type { CheckedType, Finding } from '../../src/checks/types';
import { realKb } from '../fixtures/real-kb';

const TODAY = '2026-11-29';

/** A charter with every element written well; each test breaks one thing. */
export const GOOD_CHARTER = `---
type: hub-charter
hub: Lake Basin Hub
---

# Lake Basin Hub — Charter

## 1. Parties and legal status

The founding parties are the Basin Water Authority (BWA), WaterAid Lake Region and the Farmers' Union.
This charter is a non-binding statement of shared intent.

## 2. Problem statement and context

About 400,000 people in the basin lack safe water (basin survey, 2025).

## 3. Purpose and goal

By 31 December 2030, 300,000 people in the basin will use safe water all year round.

## 4. Scope and boundaries

In scope: household drinking water in the basin's six districts.
Out of scope: irrigation and industrial water.

## 5. Theory of change

Main pathways: working water points; trusted water quality. See the theory of change.

## 6. Shared measurement

| Indicator | Baseline | Target | By | Source | Frequency |
|---|---|---|---|---|---|
| People using safe water | 0 | 300,000 | 2030 | survey | annually |

## 8. Membership and constituencies

Members sit in four constituencies: government, civil society, farmers and affected communities.

## 9. Governance structure

A Steering Board of 9 seats: government 3, civil society 2, farmers 2, communities 2. Each constituency elects its own representatives for three-year terms, renewable once.

## 10. Decision-making

Quorum: half of the seats. Decisions by consensus; failing that, a two-thirds majority. A tied vote fails.

## 11. Roles and responsibilities

- Basin Water Authority: regulation and repair funding.
- WaterAid Lake Region: trains village committees.
- Farmers' Union: mobilises members and reports breakdowns.

## 12. Secretariat and host

The secretariat (3 staff, hosted by the BWA) convenes the partners, keeps the shared measurement and mobilises funding.

## 13. Resources and financing

Each party contributes staff time; the BWA funds the secretariat budget.

## 14. Accountability, transparency and reporting

The hub publishes its indicators quarterly on its website.

## 15. Conflicts of interest and safeguards

Members declare their interests on joining; a member with an interest in a decision does not vote on it.

## 16. Inclusion and community voice

Affected communities hold 2 of the 9 Board seats and vote on the annual plan.

## 19. Review and amendment

Next review: 30 June 2027. Amendments need a two-thirds majority.

## 20. Exit, transition and dissolution

A party may withdraw with three months' notice. The hub ends when the goal is reached or on 31 December 2031; its data go to the BWA.
`;

function check(text: string, type?: CheckedType): Finding[] {
  return checkDocument(text, { today: TODAY, type }).findings;
}
const rulesOf = (fs: Finding[]) => [...new Set(fs.map((f) => f.rule))].sort();
const replace = (text: string, from: string, to: string) => {
  assert.ok(text.includes(from), `fixture contains ${from}`);
  return text.replace(from, to);
};

describe('checks: rules on a charter', () => {
  it('a complete, well-written charter passes every rule and has every element', () => {
    const r = checkDocument(GOOD_CHARTER, { today: TODAY });
    assert.equal(r.type, 'hub-charter');
    assert.deepEqual(r.findings.map((f) => `${f.rule}:${f.line} ${f.message}`), []);
    assert.deepEqual(r.elements.filter((e) => e.status !== 'written').map((e) => e.id), []);
  });

  const cases: { rule: string; from: string | string[]; to: string | string[]; expect?: RegExp }[] = [
    { rule: 'charter/element-missing', from: '## 15. Conflicts of interest and safeguards\n\nMembers declare their interests on joining; a member with an interest in a decision does not vote on it.\n', to: '', expect: /Missing: conflicts of interest/ },
    { rule: 'charter/goal-measurable', from: 'By 31 December 2030, 300,000 people in the basin will use safe water all year round.', to: 'Households in the basin use safe water.', expect: /a number.*a date/ },
    { rule: 'charter/single-goal', from: 'By 31 December 2030, 300,000 people in the basin will use safe water all year round.', to: '- By 2030, 300,000 people will use safe water.\n- By 2030, 50 schools will have toilets.', expect: /2 goals/ },
    { rule: 'charter/vague-verb', from: 'By 31 December 2030, 300,000 people in the basin will use safe water all year round.', to: 'By 2030, 300,000 people will use safe water. We will strengthen water governance.', expect: /"strengthen/ },
    { rule: 'charter/out-of-scope', from: 'Out of scope: irrigation and industrial water.', to: 'Water quality monitoring is included.' },
    { rule: 'charter/seat-total', from: 'government 3, civil society 2', to: 'government 4, civil society 2', expect: /add up to 10, not the stated 9/ },
    { rule: 'charter/term-length', from: 'for three-year terms, renewable once', to: 'for terms agreed by the Board', expect: /not a number/ },
    { rule: 'charter/representative-selection', from: 'Each constituency elects its own representatives for three-year terms, renewable once.', to: 'Members serve three-year terms, renewable once.' },
    { rule: 'charter/decision-rule', from: ' A tied vote fails.', to: '', expect: /a tie-break/ },
    { rule: 'charter/backbone-functions', from: 'The secretariat (3 staff, hosted by the BWA) convenes the partners, keeps the shared measurement and mobilises funding.', to: 'A secretariat of 3 staff is hosted by the BWA.' },
    { rule: 'charter/party-without-role', from: "- Farmers' Union: mobilises members and reports breakdowns.\n", to: '', expect: /"Farmers' Union"/ },
    { rule: 'charter/community-decides', from: ['Affected communities hold 2 of the 9 Board seats and vote on the annual plan.', 'farmers 2, communities 2', 'government, civil society, farmers and affected communities'], to: ['Affected communities will be consulted on the annual plan.', 'farmers 4', 'government, civil society, farmers and business'] },
    { rule: 'charter/conflict-of-interest', from: 'Members declare their interests on joining; a member with an interest in a decision does not vote on it.', to: 'Members act in good faith.' },
    { rule: 'charter/review-date', from: 'Next review: 30 June 2027.', to: 'Next review: 30 June 2030.', expect: /43 months away/ },
    { rule: 'charter/review-date', from: 'Next review: 30 June 2027.', to: 'The charter is reviewed from time to time.', expect: /No review date/ },
    { rule: 'charter/exit-condition', from: ' The hub ends when the goal is reached or on 31 December 2031; its data go to the BWA.', to: '' },
    { rule: 'charter/template-leftovers', from: 'Each party contributes staff time; the BWA funds the secretariat budget.', to: "Each party contributes staff time.\n\n*List each party\u2019s contribution (even if zero) and the budget for coordination.*", expect: /Template prompt/ },
    { rule: 'charter/template-leftovers', from: 'Each party contributes staff time; the BWA funds the secretariat budget.', to: 'Each party contributes ${1:amount}.', expect: /placeholder/ },
  ];

  for (const c of cases) {
    it(`${c.rule}: reports ${c.expect ?? 'the problem'} and nothing else`, () => {
      const froms = Array.isArray(c.from) ? c.from : [c.from];
      const tos = Array.isArray(c.to) ? c.to : [c.to];
      const findings = check(froms.reduce((t, f, i) => replace(t, f, tos[i]), GOOD_CHARTER));
      assert.deepEqual(rulesOf(findings), [c.rule], findings.map((f) => `${f.rule}: ${f.message}`).join('\n'));
      if (c.expect) assert.match(findings.map((f) => f.message).join('\n'), c.expect);
      for (const f of findings) assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line, 'positions are 1-based');
    });
  }

  it('the measurable-goal rule accepts "halve violence by 2030" and rejects "strengthen cooperation"', () => {
    const goal = (g: string) => check(replace(GOOD_CHARTER, 'By 31 December 2030, 300,000 people in the basin will use safe water all year round.', g)).filter((f) => f.rule === 'charter/goal-measurable');
    assert.deepEqual(goal('Halve violence in the basin by 2030.'), []);
    assert.deepEqual(goal('By 2028, 90% of water points work all year.'), []);
    assert.equal(goal('Strengthen cooperation.').length, 1);
    assert.match(goal('300,000 people will use safe water.')[0].message, /a date/);
  });

  it('offers quick fixes as data: insert a missing section, rewrite a vague goal, add a rule, disable for the document', () => {
    const missing = check(replace(GOOD_CHARTER, '## 14. Accountability, transparency and reporting\n\nThe hub publishes its indicators quarterly on its website.\n', ''));
    const el = missing.find((f) => f.rule === 'charter/element-missing')!;
    assert.deepEqual(el.fixes[0], { kind: 'insert-section', title: 'Insert section "Accountability, transparency and reporting"', outline: 'hub-charter', section: 'accountability' });
    const vague = check(replace(GOOD_CHARTER, 'By 31 December 2030, 300,000 people in the basin will use safe water all year round.', 'Strengthen cooperation on water.')).find((f) => f.rule === 'charter/goal-measurable')!;
    const rewrite = vague.fixes.find((f) => f.kind === 'replace-lines');
    assert.ok(rewrite && rewrite.kind === 'replace-lines');
    assert.match(rewrite.snippet, /^By \$\{1:31 December 2030\}, \$\{2:number\} \$\{3:people or places\} will \$\{4:strengthen cooperation on water\}\.$/);
    assert.ok(vague.fixes.some((f) => f.kind === 'disable-rule' && f.rule === 'charter/goal-measurable'));
  });

  it('severity comes from the rule, the settings and the front matter (front matter wins); off removes the rule', () => {
    const text = replace(GOOD_CHARTER, 'Out of scope: irrigation and industrial water.', 'More text.');
    assert.equal(check(text)[0].severity, 'warning');
    assert.equal(checkDocument(text, { today: TODAY, rules: { 'charter/out-of-scope': 'error' } }).findings[0].severity, 'error');
    const off = replace(text, 'hub: Lake Basin Hub', 'hub: Lake Basin Hub\nchecks: { charter/out-of-scope: off }');
    assert.deepEqual(checkDocument(off, { today: TODAY, rules: { 'charter/out-of-scope': 'error' } }).findings, []);
  });

  it('only documents with a type are checked (a README gets nothing), unless a type is given', () => {
    const readme = '# Project\n\nStrengthen cooperation.\n';
    assert.match(checkDocument(readme).skipped ?? '', /no `type:`/);
    assert.ok(checkDocument(readme, { type: 'hub-charter' }).findings.length > 5);
  });

  it('a fresh template: every section is there but still empty, and the prompts are reported', () => {
    const text = renderTemplate('hub-charter', 'Lake Basin Hub', TODAY, realKb().bundle.docs);
    const r = checkDocument(text, { today: TODAY });
    assert.deepEqual(r.elements.filter((e) => e.status !== 'empty').map((e) => e.id), []);
    assert.ok(r.findings.filter((f) => f.rule === 'charter/template-leftovers').length >= 17);
    assert.equal(r.findings.filter((f) => f.rule === 'charter/element-missing').length, 0);
  });

  it('never throws and stays inside the document, whatever the input', () => {
    const inputs = ['', '---\ntype: hub-charter\n---\n', '---\ntype: hub-charter\n', '---\ntype: [\n---\n# x', `---\ntype: hub-charter\n---\n${'## Governance\n\n'.repeat(200)}`, `---\ntype: hub-charter\n---\n# T\n\n## Governance\n\nA Board of 99999999999999999999 seats: a 1, b 2.\n`, '\u0000\u0001<script>', `---\ntype: hub-charter\n---\n${'- '.repeat(5000)}`];
    for (const t of inputs) {
      const r = checkDocument(t, { today: TODAY, type: 'hub-charter' });
      const lines = t.split('\n').length;
      for (const f of r.findings) assert.ok(f.line >= 1 && f.endLine <= lines, `${f.rule} line ${f.line} in ${lines}`);
    }
    assert.match(checkDocument('x'.repeat(2_000_001), { type: 'hub-charter' }).skipped ?? '', /larger than 2 MB/);
  });
});

describe('checks: documentation', () => {
  it('every rule has a stable id, a one-line description, a reason and knowledge-base pages that exist', () => {
    const { bundle } = realKb();
    const ids = new Set<string>();
    for (const r of RULES) {
      assert.match(r.id, /^[a-z]+\/[a-z-]+$/);
      assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
      ids.add(r.id);
      assert.ok(r.description.length > 20 && !r.description.includes('\n'));
      assert.ok(r.docs.why.length > 40);
      for (const see of r.docs.see) {
        const [kind, id] = see.split(':');
        assert.ok(bundle.docs.some((d) => d.kind === kind && d.id === id), `${r.id}: ${see} exists`);
      }
    }
  });

  it('every "how real hubs did it" example is still in its case study, with a source', () => {
    const { bundle } = realKb();
    for (const r of RULES) {
      for (const e of r.docs.examples ?? []) {
        const q = findQuote(bundle.docs, e.hub, e.find);
        assert.ok(q, `${r.id}: "${e.find}" in ${e.hub}`);
        assert.ok(q.sources.length > 0, `${r.id}: the quote from ${e.hub} cites a source`);
      }
    }
  });

  it('docs/rules.md is generated from the rules (run `npm run docs:rules` after changing a rule)', () => {
    const file = path.join(__dirname, '..', '..', 'docs', 'rules.md');
    assert.equal(fs.readFileSync(file, 'utf8'), rulesMarkdown(realKb().bundle.docs) + '\n');
  });
});
