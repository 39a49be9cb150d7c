import { ACTOR_TYPES, ISSUE_CATEGORIES, REGIONS, SDG_NAMES } from './vocab';
import { KINDS, RATING_INFO } from './kinds';
import { keyOf } from './keys';
import { escapeMarkdown } from './html';
import type { PrincipleHub } from './kb';
import type { DocKind, KnowledgeDoc, Rating } from './types';

/** A side-bar tree node as plain data (the adapter maps it to a vscode.TreeItem). */
export interface TreeNode {
  id: string;
  label: string;
  description?: string;
  /** Markdown tooltip. */
  tooltip?: string;
  type: 'group' | 'doc';
  /** Knowledge document key for `doc` nodes. */
  key?: string;
  docKind?: DocKind;
  /** Anchor to open the document at. */
  anchor?: string;
  rating?: Rating;
  children?: TreeNode[];
}

export type Grouping = 'area' | 'sdg' | 'principle' | 'actor' | 'region' | 'flat';

export const GROUPINGS: { id: Grouping; label: string; detail: string }[] = [
  { id: 'area', label: 'Issue area', detail: 'Health, agriculture and food, climate and energy, …' },
  { id: 'sdg', label: 'Sustainable Development Goal', detail: 'The SDGs each hub is linked to by a source' },
  { id: 'principle', label: 'Design principle', detail: 'Exhibits / partly / does not, per principle' },
  { id: 'actor', label: 'Actor type', detail: 'Governments, business, civil society, …' },
  { id: 'region', label: 'Region', detail: 'Where the hub works' },
  { id: 'flat', label: 'A–Z', detail: 'All hubs in alphabetical order' },
];

function hubName(d: KnowledgeDoc): string {
  return d.hub?.short_name && d.hub.short_name.length < d.title.length ? d.hub.short_name : d.title;
}

/** Document text in a Markdown tooltip: escaped (src/core/html.ts), never trusted. */
const md = escapeMarkdown;

export function hubDescription(d: KnowledgeDoc): string {
  const parts: string[] = [];
  if (d.hub?.founded?.year) parts.push(String(d.hub.founded.year));
  const regions = d.hub?.regions ?? [];
  if (regions.length) parts.push(regions.map((r) => REGIONS[r] ?? r).slice(0, 2).join(', ') + (regions.length > 2 ? ' …' : ''));
  return parts.join(' · ');
}

export function hubTooltip(d: KnowledgeDoc): string {
  const h = d.hub;
  const lines = [`**${md(d.title)}**`];
  if (h?.goal?.text) lines.push(`*Goal:* ${md(h.goal.text)}`);
  for (const r of (h?.results ?? []).slice(0, 3)) lines.push(`- ${md(r.text)}${r.year ? ` (${r.year})` : ''}`);
  if (h?.funding?.amounts[0]) lines.push(`*Funding:* ${md(h.funding.amounts[0].text)}`);
  lines.push(`_${d.sources.length} cited sources · last reviewed ${md(h?.last_reviewed ?? 'n/a')}_`);
  return lines.join('\n\n');
}

function hubNode(d: KnowledgeDoc, parent: string, extra: Partial<TreeNode> = {}): TreeNode {
  return { id: `${parent}/${d.id}`, label: hubName(d), description: hubDescription(d), tooltip: hubTooltip(d), type: 'doc', key: keyOf(d), docKind: 'hub', ...extra };
}

function groupsOf(d: KnowledgeDoc, g: Grouping): { id: string; label: string; order: string }[] {
  const h = d.hub;
  switch (g) {
    case 'area': {
      const c = h?.issue_area?.category;
      return [c ? { id: c, label: ISSUE_CATEGORIES[c] ?? c, order: ISSUE_CATEGORIES[c] ?? c } : { id: 'none', label: 'Other', order: '~' }];
    }
    case 'sdg':
      return h?.sdgs.length ? h.sdgs.map((n) => ({ id: String(n), label: `SDG ${n}: ${SDG_NAMES[n] ?? ''}`, order: String(n).padStart(2, '0') })) : [{ id: 'none', label: 'No SDG linked by a source', order: '~' }];
    case 'actor':
      return (h?.actor_types ?? []).map((a) => ({ id: a, label: ACTOR_TYPES[a] ?? a, order: ACTOR_TYPES[a] ?? a }));
    case 'region':
      return (h?.regions ?? []).map((r) => ({ id: r, label: REGIONS[r] ?? r, order: REGIONS[r] ?? r }));
    default:
      return [];
  }
}

const byTitle = (a: KnowledgeDoc, b: KnowledgeDoc) => hubName(a).localeCompare(hubName(b));

/** The Case Studies tree for a grouping. */
export function caseStudyTree(docs: KnowledgeDoc[], grouping: Grouping, principles: KnowledgeDoc[] = []): TreeNode[] {
  const hubs = docs.filter((d) => d.kind === 'hub').sort(byTitle);
  if (grouping === 'flat') return hubs.map((d) => hubNode(d, 'flat'));
  if (grouping === 'principle') {
    const ordered = [...principles].sort((a, b) => (a.order ?? 99) - (b.order ?? 99));
    return ordered.map((p) => {
      const rated = hubs.flatMap((h) => {
        const r = h.hub?.principles.find((x) => x.id === p.id);
        return r ? [{ h, r }] : [];
      });
      const children = (['exhibits', 'partly', 'not'] as Rating[]).flatMap((rating) => {
        const list = rated.filter((x) => x.r.rating === rating);
        if (!list.length) return [];
        const gid = `principle/${p.id}/${rating}`;
        return [{
          id: gid,
          label: RATING_INFO[rating].label,
          description: String(list.length),
          type: 'group' as const,
          rating,
          children: list.map(({ h, r }) => hubNode(h, gid, { description: r.note, tooltip: `${hubTooltip(h)}\n\n*${RATING_INFO[rating].label}:* ${md(r.note)}`, rating, anchor: `principle-${p.id}` })),
        }];
      });
      return { id: `principle/${p.id}`, label: p.title, description: `${rated.length} rated`, type: 'group' as const, children };
    });
  }
  const groups = new Map<string, { label: string; order: string; hubs: KnowledgeDoc[] }>();
  for (const h of hubs) {
    for (const g of groupsOf(h, grouping)) {
      const e = groups.get(g.id) ?? { label: g.label, order: g.order, hubs: [] };
      e.hubs.push(h);
      groups.set(g.id, e);
    }
  }
  return [...groups.entries()]
    .sort((a, b) => a[1].order.localeCompare(b[1].order))
    .map(([id, g]) => ({ id: `${grouping}/${id}`, label: g.label, description: String(g.hubs.length), type: 'group' as const, children: g.hubs.map((h) => hubNode(h, `${grouping}/${id}`)) }));
}

/** Design Principles tree: each principle, expandable into the hubs rated against it. */
export function principleTree(principles: KnowledgeDoc[], principleHubs: Record<string, PrincipleHub[]>): TreeNode[] {
  return [...principles]
    .sort((a, b) => (a.order ?? 99) - (b.order ?? 99))
    .map((p) => {
      const hubs = principleHubs[p.id] ?? [];
      const exhibits = hubs.filter((h) => h.rating === 'exhibits').length;
      return {
        id: `p/${p.id}`,
        label: p.title,
        description: `${exhibits} of ${hubs.length} hubs`,
        tooltip: `**${md(p.title)}**\n\n${md(p.summary)}`,
        type: 'doc' as const,
        key: keyOf(p),
        docKind: 'principle' as const,
        children: hubs.map((h) => ({
          id: `p/${p.id}/${h.hubId}`,
          label: h.hubTitle,
          description: `${RATING_INFO[h.rating].label} — ${h.note}`,
          tooltip: `**${md(h.hubTitle)}** — ${RATING_INFO[h.rating].verb}\n\n${md(h.note)}`,
          type: 'doc' as const,
          key: `hub:${h.hubId}`,
          docKind: 'hub' as const,
          rating: h.rating,
          anchor: `principle-${p.id}`,
        })),
      };
    });
}

export function frameworkTree(frameworks: KnowledgeDoc[]): TreeNode[] {
  return [...frameworks]
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((f) => ({ id: `f/${f.id}`, label: f.title, tooltip: `**${md(f.title)}**\n\n${md(f.summary)}`, type: 'doc' as const, key: keyOf(f), docKind: 'framework' as const }));
}

export interface OwnDocInfo {
  key: string;
  kind: DocKind;
  title: string;
  path: string;
  summary: string;
}

/** My Knowledge: own documents, grouped by folder when they come from more than one. */
export function ownTree(docs: OwnDocInfo[], relativePath: (path: string) => string): TreeNode[] {
  const node = (d: OwnDocInfo): TreeNode => ({
    id: `o/${d.key}`,
    label: d.title,
    description: `${KINDS[d.kind].label} · ${relativePath(d.path)}`,
    tooltip: `**${md(d.title)}**\n\n${md(d.summary)}\n\n\`${md(relativePath(d.path))}\``,
    type: 'doc',
    key: d.key,
    docKind: d.kind,
  });
  return [...docs].sort((a, b) => a.title.localeCompare(b.title)).map(node);
}

/**
 * Narrows a tree to the documents whose keys are in `keep` (from the search engine), keeping the
 * groups that still have children. A document node whose own key matches keeps all its children.
 */
export function filterTree(nodes: TreeNode[], keep: Set<string>): TreeNode[] {
  const out: TreeNode[] = [];
  for (const n of nodes) {
    if (n.type === 'doc' && n.key && keep.has(n.key)) {
      out.push(n);
      continue;
    }
    if (n.children) {
      const kids = filterTree(n.children, keep);
      if (kids.length) out.push({ ...n, children: kids, description: n.type === 'group' ? String(countDocs(kids)) : n.description });
    }
  }
  return out;
}

export function countDocs(nodes: TreeNode[]): number {
  return nodes.reduce((n, x) => n + (x.type === 'doc' && !x.children ? 1 : 0) + (x.children ? countDocs(x.children) + (x.type === 'doc' ? 1 : 0) : 0), 0);
}
