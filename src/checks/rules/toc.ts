import { recogniseCharter } from '../../documents/charter';
import { parseMarkdown } from '../../documents/markdown';
import { parseTheoryOfChange, GOAL_ID, type TocGraph, type TocNode } from '../../documents/toc';
import { isStopWord, stem } from '../../search/text';
import { elementBlocksOf } from '../text';
import type { CheckContext, RawFinding, Rule } from '../types';

/**
 * Theory-of-change rules, on the graph that the diagram draws (src/documents/toc.ts). The graph's
 * lines are 0-based; findings are 1-based.
 */

const graphs = new WeakMap<CheckContext, TocGraph>();

export function graphOf(ctx: CheckContext): TocGraph {
  let g = graphs.get(ctx);
  if (!g) {
    g = parseTheoryOfChange(ctx.text);
    graphs.set(ctx, g);
  }
  return g;
}

const line1 = (n: number) => n + 1;
const quote = (t: string) => `"${t.length > 60 ? `${t.slice(0, 57)}…` : t}"`;

export const tocNotation: Rule = {
  id: 'toc/notation',
  description: 'The theory of change parses into one graph: ids are unique, references name existing outcomes, links do not go in a circle.',
  appliesTo: ['theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'The diagram, the results framework and the other checks read the same graph; a dangling reference or a circle means an arrow nobody can follow ([[framework:theory-of-change]]).',
    see: ['framework:theory-of-change'],
    good: '- Each scheme has a maintenance fund. {#funds}\n…\n- WaterWorks sets up maintenance funds → funds',
    bad: '- WaterWorks sets up maintenance funds → fundz',
  },
  run(ctx) {
    // An empty or goal-less document is reported by the other rules and the guide.
    return graphOf(ctx)
      .problems.filter((p) => p.code !== 'empty')
      .map((p) => ({ line: line1(p.line), message: p.message }));
  },
};

/** Leading verbs that describe what someone does, not a state of the world. */
const ACTIVITY_VERBS = new Set([
  'train', 'hold', 'provide', 'conduct', 'organise', 'organize', 'run', 'deliver', 'distribute', 'build', 'construct', 'establish',
  'develop', 'create', 'launch', 'hire', 'fund', 'implement', 'support', 'coordinate', 'host', 'install', 'procure', 'campaign',
  'advocate', 'lobby', 'teach', 'educate', 'recruit', 'convene', 'organising', 'organizing', 'training', 'providing', 'conducting',
  'holding', 'distributing', 'building', 'establishing', 'developing', 'launching', 'funding', 'implementing', 'supporting', 'set',
  'setting', 'raise', 'raising', 'strengthen', 'improve', 'promote', 'facilitate', 'mobilise', 'mobilize',
]);

function leadingVerb(text: string): string | undefined {
  const first = (text.toLowerCase().match(/[\p{L}]+/u) ?? [])[0];
  return first && ACTIVITY_VERBS.has(first) ? first : undefined;
}

export const outcomeIsActivity: Rule = {
  id: 'toc/outcome-is-activity',
  description: 'Outcomes are changed states ("Operators can get spare parts within a week"), not activities ("Train operators").',
  appliesTo: ['theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A theory of change maps the conditions that must be true before the goal; activities belong to interventions. Outcomes written as activities hide whether anything changed ([[framework:theory-of-change]]).',
    see: ['framework:theory-of-change', 'principle:clear-theory-of-change'],
    good: '- Village committees can fund and carry out repairs.',
    bad: '- Train village committees in maintenance.',
  },
  run(ctx) {
    return graphOf(ctx)
      .nodes.filter((n) => n.kind === 'outcome')
      .flatMap((n): RawFinding[] => {
        const verb = leadingVerb(n.text);
        if (!verb) return [];
        return [{ line: line1(n.line), message: `${quote(n.text)} is an activity, not a changed state: say what is true once it has happened (e.g. "Village committees can …"), and move the activity to Interventions.` }];
      });
  },
};

/** Ids that reach the goal by following edges forwards (from precondition to what it leads to). */
function reachesGoal(g: TocGraph): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const e of g.edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const seen = new Set<string>([GOAL_ID]);
  const queue = [GOAL_ID];
  while (queue.length) {
    const cur = queue.pop()!;
    for (const from of incoming.get(cur) ?? []) {
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return seen;
}

export const outcomeWithoutPath: Rule = {
  id: 'toc/outcome-without-path',
  description: 'Every outcome has a path to the long-term goal.',
  appliesTo: ['theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'An outcome that leads nowhere is either missing a link or not needed; both weaken the logic a funder or partner will test ([[framework:theory-of-change]]).',
    see: ['framework:theory-of-change'],
  },
  run(ctx) {
    const g = graphOf(ctx);
    if (!g.goal) return [];
    const ok = reachesGoal(g);
    return g.nodes.filter((n) => (n.kind === 'outcome' || n.kind === 'output') && !ok.has(n.id)).map((n) => ({ line: line1(n.line), message: `${quote(n.text)} has no path to the long-term goal: nest it under the outcome it leads to, or add a link under Causal links.` }));
  },
};

export const orphanIntervention: Rule = {
  id: 'toc/orphan-intervention',
  description: 'Every intervention names the outcomes it contributes to (→ id).',
  appliesTo: ['theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Interventions that contribute to no outcome are activities without a purpose in the theory; mutually reinforcing activities need a shared target ([[framework:collective-impact]]).',
    see: ['framework:collective-impact', 'framework:theory-of-change'],
    good: '- WaterWorks sets up maintenance funds with village committees → funds, plans',
    bad: '- WaterWorks sets up maintenance funds with village committees',
  },
  run(ctx) {
    const g = graphOf(ctx);
    const from = new Set(g.edges.map((e) => e.from));
    return g.nodes
      .filter((n) => n.kind === 'intervention' && !from.has(n.id))
      .map((n) => ({
        line: line1(n.line),
        message: `The intervention ${quote(n.text)} names no outcome: add "→ <outcome id>" (the ids are shown in the diagram).`,
        fixes: [{ kind: 'insert-after' as const, title: 'Add "→ outcome"', line: line1(n.line), snippet: ' → ${1:outcome id}' }],
      }));
  },
};

/** The top-level pathways: outcomes that feed the goal directly, with everything nested under them. */
function pathways(g: TocGraph): { top: TocNode; members: TocNode[] }[] {
  const byParent = new Map<string, TocNode[]>();
  for (const n of g.nodes) if (n.parent) byParent.set(n.parent, [...(byParent.get(n.parent) ?? []), n]);
  const tops = g.nodes.filter((n) => (n.kind === 'outcome' || n.kind === 'output') && !n.parent);
  return tops.map((top) => {
    const members: TocNode[] = [];
    const stack = [top];
    while (stack.length) {
      const n = stack.pop()!;
      members.push(n);
      stack.push(...(byParent.get(n.id) ?? []));
    }
    return { top, members };
  });
}

export const pathwayWithoutAssumption: Rule = {
  id: 'toc/pathway-without-assumption',
  description: 'Each pathway to the goal states at least one assumption (what must hold for it to work).',
  appliesTo: ['theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Pathways fail on their untested assumptions; writing them down is what makes a theory of change testable ([[framework:theory-of-change]]).',
    see: ['framework:theory-of-change', 'principle:clear-theory-of-change'],
    examples: [{ hub: 'gpei', find: 'success depends on countries', intro: 'The polio resolution named what success depended on' }],
    good: '- Village schemes work all year round.\n  - Assumption: spare parts are sold within a day\u2019s travel.',
    bad: '- Village schemes work all year round.\n  - Each scheme has a maintenance fund.',
  },
  run(ctx) {
    const g = graphOf(ctx);
    return pathways(g)
      .filter((p) => !p.members.some((m) => m.assumptions.length))
      .map((p) => {
        const src = ctx.lines[p.top.line] ?? '';
        const indent = src.length - src.trimStart().length;
        return {
          line: line1(p.top.line),
          message: `The pathway ${quote(p.top.text)} has no assumption: say what must hold for it to work (nested "- Assumption: …", or "${p.top.explicitId ?? p.top.ordinal ?? p.top.id}: …" under Assumptions).`,
          fixes: [{ kind: 'insert-after' as const, title: 'Add an assumption under this pathway', line: line1(p.top.line), snippet: `\n${' '.repeat(indent + 2)}- Assumption: \${1:what must hold for this pathway} (evidence: \${2:evidence or untested}; risk: \${3|low,medium,high|}).` }],
        };
      });
  },
};

const PART_WORDS: Record<'who' | 'howMuch' | 'byWhen' | 'source', string> = { who: 'who (the population)', howMuch: 'how many or how much (a target)', byWhen: 'by when', source: 'the data source' };

export const indicatorParts: Rule = {
  id: 'toc/indicator-parts',
  description: 'Every indicator says who, how many or how much, by when, and the data source.',
  appliesTo: ['theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'An indicator without a population, a target, a date and a source cannot be reported the same way by every partner ([[framework:smart-goals-logframes]]).',
    see: ['framework:smart-goals-logframes', 'framework:collective-impact'],
    good: '- Indicator: schemes with a fund; target 90% of 1,200 schemes; by 2028 (baseline 15%, source provincial audit)',
    bad: '- Indicator: more schemes with funds',
  },
  run(ctx) {
    const out: RawFinding[] = [];
    for (const n of graphOf(ctx).nodes) {
      for (const ind of n.indicators) {
        const missing = (Object.keys(PART_WORDS) as (keyof typeof PART_WORDS)[]).filter((k) => !ind.parts[k]);
        if (!missing.length) continue;
        const add = [missing.includes('howMuch') ? '; target ${1:how many}' : '', missing.includes('byWhen') ? '; by ${2:when}' : '', missing.includes('source') ? ' (source ${3:where the data come from})' : ''].join('');
        out.push({
          line: line1(ind.line),
          message: `The indicator lacks ${missing.map((m) => PART_WORDS[m]).join(', ')}.`,
          fixes: add ? [{ kind: 'insert-after' as const, title: 'Add the missing parts as placeholders', line: line1(ind.line), snippet: add }] : [],
        });
      }
    }
    return out;
  },
};

function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) if (!isStopWord(w)) out.add(stem(w));
  return out;
}

/** Share of the two texts' content words they have in common (Jaccard). */
export function goalSimilarity(a: string, b: string): number {
  const x = contentStems(a);
  const y = contentStems(b);
  if (!x.size || !y.size) return 0;
  let both = 0;
  for (const s of x) if (y.has(s)) both++;
  return both / (x.size + y.size - both);
}

export const goalMatchesCharter: Rule = {
  id: 'toc/goal-matches-charter',
  description: 'The long-term goal is the goal of the charter it links to (front matter `charter: ./charter.md`).',
  appliesTo: ['theory-of-change'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Partners sign the charter\u2019s goal; a theory of change that aims elsewhere plans for a different hub ([[principle:narrow-goal]]).',
    see: ['principle:narrow-goal', 'framework:theory-of-change'],
  },
  run(ctx) {
    const linked = ctx.linked.charter;
    if (!linked) return [];
    const g = graphOf(ctx);
    const at = g.goal ? line1(g.goal.line) : 1;
    if ('error' in linked) return [{ line: 1, message: `The linked charter ${linked.path} cannot be read (${linked.error}).` }];
    const charter = parseMarkdown(linked.text);
    const goalBlock = elementBlocksOf(charter, recogniseCharter(charter), 'goal').find((b) => b.type === 'paragraph' || b.type === 'item');
    if (!goalBlock || !g.goal) return [];
    const similarity = goalSimilarity(goalBlock.text, g.goal.text);
    if (similarity >= 0.5) return [];
    const paragraph = ctx.doc.blocks.find((b) => b.line <= at && b.endLine >= at);
    return [
      {
        line: at,
        message: `The long-term goal differs from the goal of ${linked.path} (line ${goalBlock.line}): "${goalBlock.text.slice(0, 120)}${goalBlock.text.length > 120 ? '…' : ''}". Use the same goal.`,
        fixes: [{ kind: 'replace-lines' as const, title: 'Use the charter\u2019s goal', line: at, endLine: paragraph?.endLine ?? at, snippet: goalBlock.text.replace(/[$}\\]/g, '\\$&') }],
      },
    ];
  },
};
