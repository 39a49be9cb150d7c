import { findQuote } from '../core/examples';
import { KINDS, isDocKind } from '../core/kinds';
import type { KnowledgeDoc } from '../core/types';
import { RULES } from './rules';
import { ruleAnchor } from './report';
import type { Rule } from './types';

/**
 * The documentation of every rule, generated from the rule definitions (so it cannot drift):
 * `docs/rules.md` for the repository, and one page per rule that the editor opens from a
 * diagnostic's code. Examples are quoted from the case studies with their sources.
 */

export type RefStyle = 'editor' | 'repository';

/** `[[principle:narrow-goal]]` as a reference (editor: clickable there) or a relative link (repository). */
function refs(text: string, docs: KnowledgeDoc[], style: RefStyle): string {
  if (style === 'editor') return text;
  return text.replace(/\[\[([a-z]+):([a-z0-9-]+)\]\]/g, (whole, kind: string, id: string) => {
    if (!isDocKind(kind) || !KINDS[kind].folder) return whole;
    const title = docs.find((d) => d.kind === kind && d.id === id)?.title ?? id;
    return `[${title}](../knowledge/${KINDS[kind].folder}/${id}.md)`;
  });
}

const SEVERITY_WORD = { error: 'error', warning: 'warning', info: 'information' } as const;

export function ruleMarkdown(rule: Rule, docs: KnowledgeDoc[], style: RefStyle, level = 2): string {
  const h = '#'.repeat(level);
  const lines = [`${h} ${rule.id}`, '', rule.description, '', `*Applies to:* ${rule.appliesTo.join(', ')} · *default:* ${SEVERITY_WORD[rule.defaultSeverity]}`, '', `${h}# Why`, '', refs(rule.docs.why, docs, style)];
  if (rule.docs.see.length) lines.push('', `Read more: ${rule.docs.see.map((s) => refs(`[[${s}]]`, docs, style)).join(', ')}.`);
  const quotes = (rule.docs.examples ?? []).flatMap((e) => {
    const q = findQuote(docs, e.hub, e.find);
    return q ? [{ e, q }] : [];
  });
  if (quotes.length) {
    lines.push('', `${h}# How real hubs did it`, '');
    for (const { e, q } of quotes) {
      const src = q.sources.length ? ` Sources: ${q.sources.map((u) => `<${u}>`).join(', ')}.` : '';
      lines.push(`- **${e.intro}** (${refs(`[[hub:${q.hubId}]]`, docs, style)}): “${q.text}”${src}`);
    }
  }
  if (rule.docs.good || rule.docs.bad) {
    lines.push('', `${h}# Examples`);
    if (rule.docs.good) lines.push('', 'Passes:', '', ...rule.docs.good.split('\n').map((l) => `> ${l}`));
    if (rule.docs.bad) lines.push('', 'Reported:', '', ...rule.docs.bad.split('\n').map((l) => `> ${l}`));
  }
  lines.push('', `${h}# Turn it off or change its severity`, '', `Setting \`impactHubs.checks.rules\`: \`{ "${rule.id}": "off" }\` (or \`"info"\`, \`"warning"\`, \`"error"\`); for one document, front matter \`checks: { ${rule.id}: off }\`; in CI, \`impact-hubs check --config FILE\`.`);
  return lines.join('\n');
}

export function rulesMarkdown(docs: KnowledgeDoc[], rules: readonly Rule[] = RULES): string {
  const toc = rules.map((r) => `| [${r.id}](#${ruleAnchor(r.id)}) | ${r.description} | ${r.appliesTo.join(', ')} | ${r.defaultSeverity} |`);
  return [
    '# Impact Hubs checks',
    '',
    '<!-- Generated from src/checks/rules by `npm run docs:rules`; a unit test keeps it current. Do not edit by hand. -->',
    '',
    'The checks run in the editor on documents whose front matter says `type: hub-charter`, `theory-of-change` or `landscape-map` (or that you check on demand), and in CI with `impact-hubs check`. Each rule explains what to do, why (with the knowledge-base page behind it) and how real hubs did it.',
    '',
    '| Rule | What it wants | Applies to | Default |',
    '| --- | --- | --- | --- |',
    ...toc,
    '',
    ...rules.map((r) => `<a id="${ruleAnchor(r.id)}"></a>\n\n${ruleMarkdown(r, docs, 'repository')}\n`),
  ].join('\n');
}
