import { esc, safeExternalUrl } from './html';
import { RATING_INFO } from './kinds';
import { ACTOR_TYPES, RATINGS, REGIONS, SDG_NAMES } from './vocab';
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

export interface Comparison {
  hubs: { id: string; title: string; key: string }[];
  rows: CompareRow[];
  sources: CompareSource[];
}

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 4;

/**
 * Builds the side-by-side comparison of 2–4 hubs. Every cell keeps the numbers of the sources
 * its case study cites for that fact; numbering runs across the whole table.
 */
export function compareHubs(docs: KnowledgeDoc[], principleTitle: (id: string) => string = (id) => id): Comparison {
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
    row('Design principles', (d) => {
      const ps = d.hub!.principles;
      const by = (r: Rating) => ps.filter((p) => p.rating === r).map((p) => principleTitle(p.id));
      return {
        text: '',
        lines: RATINGS.filter((r) => by(r).length).map((r) => `${RATING_INFO[r].label}: ${by(r).join('; ')}`),
        cites: cites(d, ps.flatMap((p) => p.src)),
      };
    }),
    row('Regions', (d) => ({ text: d.hub!.regions.map((r) => REGIONS[r] ?? r).join(', '), cites: [] })),
    row('SDGs', (d) => ({ text: d.hub!.sdgs.map((n) => `${n} (${SDG_NAMES[n]})`).join(', '), cites: [] })),
  ];
  return { hubs: hubs.map((d) => ({ id: d.id, title: d.hub!.short_name ?? d.title, key: `hub:${d.id}` })), rows, sources };
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The comparison as a Markdown table with footnotes, ready to paste into a charter. */
export function comparisonMarkdown(c: Comparison, date = new Date().toISOString().slice(0, 10)): string {
  const head = `| | ${c.hubs.map((h) => `[[hub:${h.id}|${mdCell(h.title)}]]`).join(' | ')} |`;
  const rule = `|---|${c.hubs.map(() => '---').join('|')}|`;
  const body = c.rows.map((r) => {
    const cells = r.cells.map((cell) => {
      const text = [cell.text, ...(cell.lines ?? [])].filter(Boolean).join('; ');
      return mdCell(text || '—') + cell.cites.map((n) => `[^c${n}]`).join('');
    });
    return `| **${r.label}** | ${cells.join(' | ')} |`;
  });
  const notes = c.sources.map((s) => `[^c${s.n}]: ${s.hub}: ${s.source.text}`);
  return [
    `## Comparison: ${c.hubs.map((h) => h.title).join(', ')}`,
    '',
    `*From the Impact Hubs knowledge base (CC BY 4.0), ${date}. Ratings of design principles are assessments from the cited evidence.*`,
    '',
    head,
    rule,
    ...body,
    '',
    ...notes,
    '',
  ].join('\n');
}

/** The comparison as an HTML table (for the webview). */
export function comparisonHtml(c: Comparison): string {
  const citeHtml = (ns: number[]) => ns.map((n) => `<sup class="cite"><a href="#csrc-${n}">${n}</a></sup>`).join('');
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
  return `<table class="compare">${head}<tbody>${rows.join('')}</tbody></table>\n<h2 id="sources">Sources</h2>\n<ol class="sources">${sources.join('\n')}</ol>`;
}
