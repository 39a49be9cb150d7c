import { esc, safeExternalUrl } from './html';
import { RATING_INFO } from './kinds';
import { ACTOR_TYPES, REGIONS, SDG_NAMES } from './vocab';
import type { KnowledgeDoc, Rating, Source } from './types';

/** A cited value in the comparison: its text and the numbers of its sources. */
export interface Cell {
  text: string;
  lines?: string[];
  cites: number[];
}

export interface CompareRow {
  label: string;
  cells: Cell[];
}

export interface CompareSource {
  n: number;
  hub: string;
  source: Source;
}

/** One hub's rating against one design principle, with its evidence and sources. */
export interface RatingCell {
  rating?: Rating;
  note?: string;
  cites: number[];
}

/** A row of the design-principles grid: one principle, one cell per hub. */
export interface PrincipleRow {
  id: string;
  title: string;
  cells: RatingCell[];
}

export interface Comparison {
  hubs: { id: string; title: string; key: string }[];
  rows: CompareRow[];
  /** The design principles as a ✓ / ◐ / ✗ grid (principles rated for at least one of the hubs). */
  principles: PrincipleRow[];
  sources: CompareSource[];
}

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 4;

/**
 * Builds the side-by-side comparison of 2–4 hubs. Every cell keeps the numbers of the sources
 * its case study cites for that fact; numbering runs across the whole table.
 */
export function compareHubs(docs: KnowledgeDoc[], principleTitle: (id: string) => string = (id) => id, principleOrder: readonly string[] = []): Comparison {
  const hubs = docs.filter((d) => d.kind === 'hub' && d.hub);
  if (hubs.length < MIN_COMPARE || hubs.length > MAX_COMPARE) {
    throw new RangeError(`choose ${MIN_COMPARE} to ${MAX_COMPARE} hubs to compare (got ${hubs.length})`);
  }
  const sources: CompareSource[] = [];
  const numberFor = new Map<string, number>();
  const cites = (d: KnowledgeDoc, labels: string[] | undefined): number[] =>
    [...new Set(labels ?? [])].flatMap((label) => {
      const key = `${d.id}\u0000${label}`;
      let n = numberFor.get(key);
      if (n === undefined) {
        const source = d.sources.find((s) => s.label === label);
        if (!source) return [];
        n = sources.length + 1;
        numberFor.set(key, n);
        sources.push({ n, hub: d.hub?.short_name ?? d.title, source });
      }
      return [n];
    });
  const row = (label: string, cell: (d: KnowledgeDoc) => Cell): CompareRow => ({ label, cells: hubs.map(cell) });
  const rows: CompareRow[] = [
    row('Founded', (d) => ({ text: [d.hub!.founded?.year, d.hub!.founded?.text].filter(Boolean).join(' — '), cites: cites(d, d.hub!.founded?.src) })),
    row('Legal form', (d) => ({ text: d.hub!.legal_form?.text ?? '', cites: cites(d, d.hub!.legal_form?.src) })),
    row('Host', (d) => ({ text: d.hub!.host?.text ?? '', cites: cites(d, d.hub!.host?.src) })),
    row('Secretariat', (d) => ({ text: [d.hub!.secretariat?.location, d.hub!.secretariat?.size].filter(Boolean).join('; '), cites: cites(d, d.hub!.secretariat?.src) })),
    row('Governance and seats', (d) => {
      const g = d.hub!.governance;
      return { text: [g?.board, g?.seats && !g.board?.includes(String(g.seats)) ? `${g.seats} seats` : ''].filter(Boolean).join('; '), lines: g?.constituencies.length ? [`Constituencies: ${g.constituencies.join(', ')}`] : [], cites: cites(d, g?.src) };
    }),
    row('Actor types', (d) => ({ text: d.hub!.actor_types.map((a) => ACTOR_TYPES[a] ?? a).join(', '), cites: [] })),
    row('Funding model', (d) => ({ text: d.hub!.funding?.model ?? '', cites: cites(d, d.hub!.funding?.src) })),
    row('Funding amounts', (d) => {
      const amounts = d.hub!.funding?.amounts ?? [];
      return { text: '', lines: amounts.map((a) => a.text), cites: cites(d, amounts.flatMap((a) => a.src)) };
    }),
    row('Headline goal', (d) => ({ text: d.hub!.goal?.text ?? '', cites: cites(d, d.hub!.goal?.src) })),
    row('Results', (d) => {
      const r = d.hub!.results;
      return { text: '', lines: r.map((x) => `${x.text}${x.year ? ` (${x.year})` : ''}`), cites: cites(d, r.flatMap((x) => x.src)) };
    }),
    row('Regions', (d) => ({ text: d.hub!.regions.map((r) => REGIONS[r] ?? r).join(', '), cites: [] })),
    row('SDGs', (d) => ({ text: d.hub!.sdgs.map((n) => `${n} (${SDG_NAMES[n]})`).join(', '), cites: [] })),
  ];
  const rated = [...new Set(hubs.flatMap((d) => d.hub!.principles.map((p) => p.id)))];
  const rank = (id: string) => {
    const i = principleOrder.indexOf(id);
    return i < 0 ? principleOrder.length + rated.indexOf(id) : i;
  };
  const principles: PrincipleRow[] = rated
    .sort((a, b) => rank(a) - rank(b))
    .map((id) => ({
      id,
      title: principleTitle(id),
      cells: hubs.map((d) => {
        const p = d.hub!.principles.find((x) => x.id === id);
        return p ? { rating: p.rating, note: p.note, cites: cites(d, p.src) } : { cites: [] };
      }),
    }));
  return { hubs: hubs.map((d) => ({ id: d.id, title: d.hub!.short_name ?? d.title, key: `hub:${d.id}` })), rows, principles, sources };
}

const mdCell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Footnote marks separated by commas, so adjacent numbers never run together: ¹,²,³. */
const mdCites = (ns: number[]) => ns.map((n) => `[^c${n}]`).join(',');

/** A rating as a mark and a word (the word also for readers who cannot see the mark). */
const ratingText = (r?: Rating) => (r ? `${RATING_INFO[r].symbol} ${RATING_INFO[r].label}` : '—');

/**
 * The comparison as Markdown, ready to paste into a charter: a table of facts and a ✓ / ◐ / ✗
 * table of design principles, with footnotes for the sources. It renders the same in VS Code's
 * preview (Impact Hubs adds footnotes to it) and on GitHub: no `|` inside a cell is left
 * unescaped, adjacent footnote marks are separated, and `[[hub:…]]` references stay out of the
 * tables (they are listed under the heading, where they read as text elsewhere).
 */
export function comparisonMarkdown(c: Comparison, date = new Date().toISOString().slice(0, 10)): string {
  const columns = c.hubs.length;
  const rule = `| --- |${' --- |'.repeat(columns)}`;
  const head = `| | ${c.hubs.map((h) => `**${mdCell(h.title)}**`).join(' | ')} |`;
  const body = c.rows.map((r) => {
    const cells = r.cells.map((cell) => {
      const text = [cell.text, ...(cell.lines ?? [])].filter(Boolean).join('; ');
      return mdCell(text || '—') + mdCites(cell.cites);
    });
    return `| **${mdCell(r.label)}** | ${cells.join(' | ')} |`;
  });
  const principles = c.principles.length
    ? [
        '',
        '### Design principles',
        '',
        `${['exhibits', 'partly', 'not'].map((r) => `${RATING_INFO[r as Rating].symbol} ${RATING_INFO[r as Rating].verb}`).join(' · ')} — assessments from the cited evidence.`,
        '',
        `| Principle | ${c.hubs.map((h) => `**${mdCell(h.title)}**`).join(' | ')} |`,
        rule,
        ...c.principles.map((p) => `| ${mdCell(p.title)} | ${p.cells.map((cell) => `${ratingText(cell.rating)}${cell.note ? `: ${mdCell(cell.note)}` : ''}${mdCites(cell.cites)}`).join(' | ')} |`),
      ]
    : [];
  const notes = c.sources.map((s) => `[^c${s.n}]: ${s.hub}: ${s.source.text.replace(/\s+/g, ' ').trim()}`);
  return [
    `## Comparison: ${c.hubs.map((h) => h.title).join(', ')}`,
    '',
    `*From the Impact Hubs knowledge base (CC BY 4.0), ${date}: ${c.hubs.map((h) => `[[${h.key}]]`).join(', ')}.*`,
    '',
    head,
    rule,
    ...body,
    ...principles,
    '',
    ...notes,
    '',
  ].join('\n');
}

/** Superscript source numbers, separated by commas (never "123" for 1, 2 and 3). */
function citeHtml(ns: number[]): string {
  if (!ns.length) return '';
  return `<sup class="cite">${ns.map((n) => `<a href="#csrc-${n}" aria-label="source ${n}">${n}</a>`).join(',')}</sup>`;
}

/** The design principles as a grid of ✓ / ◐ / ✗ marks; each mark shows its evidence on hover and focus. */
function principlesHtml(c: Comparison): string {
  if (!c.principles.length) return '';
  const legend = (['exhibits', 'partly', 'not'] as Rating[]).map((r) => `<span class="rating rating-${r}" aria-hidden="true">${RATING_INFO[r].symbol}</span> ${esc(RATING_INFO[r].verb)}`).join(' · ');
  const rows = c.principles.map((p, i) => {
    const cells = p.cells.map((cell, j) => {
      if (!cell.rating) return '<td class="grid-cell"><span class="muted" title="Not rated">—</span><span class="sr-only">not rated</span></td>';
      const info = RATING_INFO[cell.rating];
      const tip = `tip-${i}-${j}`;
      return `<td class="grid-cell"><span class="rating rating-${cell.rating}" tabindex="0" role="img" aria-label="${esc(info.label)}" aria-describedby="${tip}">${info.symbol}</span>${citeHtml(cell.cites)}<span class="tip" role="tooltip" id="${tip}"><strong>${esc(info.label)}.</strong> ${esc(cell.note ?? '')}</span></td>`;
    });
    return `<tr><th scope="row">${esc(p.title)}</th>${cells.join('')}</tr>`;
  });
  return `<h2 id="design-principles">Design principles</h2>
<p class="muted legend">${legend} — assessments from the cited evidence; hover or focus a mark for the evidence.</p>
<table class="compare principles-grid"><thead><tr><th scope="col">Principle</th>${c.hubs.map((h) => `<th scope="col">${esc(h.title)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The comparison as HTML (for the webview): a title, the table of facts, the principles grid, sources. */
export function comparisonHtml(c: Comparison): string {
  const head = `<thead><tr><th scope="col"><span class="sr-only">Field</span></th>${c.hubs.map((h) => `<th scope="col"><a href="#" data-doc="${esc(h.key)}">${esc(h.title)}</a></th>`).join('')}</tr></thead>`;
  const rows = c.rows.map(
    (r) =>
      `<tr><th scope="row">${esc(r.label)}</th>${r.cells
        .map((cell) => {
          // Citations follow the last line of the cell.
          const parts = [cell.text, ...(cell.lines ?? [])].filter(Boolean).map((l) => esc(l));
          if (!parts.length) return `<td><span class="muted">—</span>${citeHtml(cell.cites)}</td>`;
          parts[parts.length - 1] += citeHtml(cell.cites);
          return `<td>${parts.map((p) => `<div>${p}</div>`).join('')}</td>`;
        })
        .join('')}</tr>`,
  );
  const sources = c.sources.map((s) => {
    const url = safeExternalUrl(s.source.url);
    const text = esc(s.source.text);
    // A replacer function: `$` patterns in a URL must not be expanded.
    const linked = url ? text.replace(esc(s.source.url), () => `<a class="external" href="${esc(url)}" data-external="${esc(url)}">${esc(s.source.url)}</a>`) : text;
    return `<li id="csrc-${s.n}" value="${s.n}"><strong>${esc(s.hub)}:</strong> ${linked}</li>`;
  });
  return `<h1>Compare: ${c.hubs.map((h) => esc(h.title)).join(', ')}</h1>
<table class="compare">${head}<tbody>${rows.join('')}</tbody></table>
${principlesHtml(c)}
<h2 id="sources">Sources</h2>
<ol class="sources">${sources.join('\n')}</ol>`;
}
