import { splitFrontMatter } from './frontmatter';
import { slugOf } from './keys';
import { FenceTracker, atxHeading, dropParenthesised, skipSpace, splitLines } from './scan';
import { CHARTER, LANDSCAPE_MAP, MAP_ELEMENTS, THEORY_OF_CHANGE, TOC_ELEMENTS, outlineFor, type DocType, type ExampleRef, type Outline, type Section } from './outlines';
import type { KnowledgeDoc } from './types';

export interface ResolvedExample {
  intro: string;
  text: string;
  hubId: string;
  hubTitle: string;
  url?: string;
}

/** Resolves an example from a hub's front matter, with the URL of the source it cites. */
export function resolveExample(ex: ExampleRef, hubs: KnowledgeDoc[]): ResolvedExample | undefined {
  const d = hubs.find((h) => h.kind === 'hub' && h.id === ex.hub);
  const h = d?.hub;
  if (!d || !h) return undefined;
  const fields: Record<ExampleRef['field'], { text?: string; src?: string[] }> = {
    goal: { text: h.goal?.text, src: h.goal?.src },
    governance: { text: h.governance?.board, src: h.governance?.src },
    funding: { text: h.funding?.model, src: h.funding?.src },
    secretariat: { text: [h.secretariat?.location, h.secretariat?.size].filter(Boolean).join('; '), src: h.secretariat?.src },
    founded: { text: h.founded?.text, src: h.founded?.src },
    legal_form: { text: h.legal_form?.text, src: h.legal_form?.src },
  };
  const { text, src = [] } = fields[ex.field];
  if (!text) return undefined;
  const url = src.map((l) => d.sources.find((s) => s.label === l)?.url).find(Boolean);
  return { intro: ex.intro, text, hubId: d.id, hubTitle: h.short_name ?? d.title, url };
}

/** Ends a sentence with a full stop unless it already ends with one (or with ? or !). */
export const sentence = (text: string) => (/[.?!]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

const seeLinks = (refs: string[]) => refs.map((r) => `[[${r}]]`).join(', ');

function guidance(s: Section, example?: ResolvedExample): string[] {
  const lines = [`> **Purpose:** ${sentence(s.purpose)}`, ...s.questions.map((q) => `> - ${q}`)];
  if (s.see.length) lines.push(`> See ${seeLinks(s.see)}.`);
  if (example) {
    lines.push('>');
    lines.push(`> **Example — ${example.intro} ([[hub:${example.hubId}]]):** "${example.text}"${example.url ? ` Source: <${example.url}>` : ''}`);
  }
  return lines;
}

const HEADING_WORD: Record<DocType, string> = { 'hub-charter': 'Charter', 'theory-of-change': 'Theory of Change', 'landscape-map': 'Landscape Map' };

/** A new charter, theory of change or landscape map, from the outline: guidance, prompts and cited examples. */
export function renderTemplate(type: DocType, hubName: string, date: string, hubs: KnowledgeDoc[]): string {
  const outline = outlineFor(type);
  const name = hubName.trim() || 'Our hub';
  const safeName = name.replace(/"/g, '\\"');
  const heading = HEADING_WORD[type];
  const out: string[] = [
    '---',
    `type: ${type}`,
    `hub: "${safeName}"`,
    'status: draft',
    'version: 0.1',
    `created: ${date}`,
    '---',
    '',
    `# ${name} — ${heading}`,
    '',
    `> Drafted with Impact Hubs from the ${outline.name.toLowerCase()} outline (${outline.sections.length} sections). Replace each prompt in *italics*; delete the guidance lines starting with \`>\` when a section is done. **Impact Hubs: Insert Section…** puts back any section you remove.`,
    '',
  ];
  outline.sections.forEach((s, i) => {
    const ex = s.example ? resolveExample(s.example, hubs) : undefined;
    out.push(`## ${i + 1}. ${s.title}`, '', ...guidance(s, ex), '', `*${s.placeholder}*`, '', ...(s.starter ? [...s.starter, ''] : []));
  });
  return out.join('\n');
}

/** Escapes text for a snippet body outside placeholders. */
function snippetText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\$/g, '\\$').replace(/}/g, '\\}');
}

/**
 * A snippet body as the editor inserts it when the writer changes nothing: each tab stop becomes
 * its default (`${1:party one}` → `party one`), a choice its first option, `$1`/`$0` nothing, and
 * escapes their character. One pass, left to right.
 */
export function expandSnippet(body: string): string {
  let out = '';
  let open = 0; // placeholders whose default is being copied: their `}` is not text
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      out += body[++i];
    } else if (c === '}' && open > 0) {
      open--;
    } else if (c === '$') {
      const braced = body[i + 1] === '{';
      let j = braced ? i + 2 : i + 1;
      const digits = j;
      while (j < body.length && body.charCodeAt(j) >= 0x30 && body.charCodeAt(j) <= 0x39) j++;
      if (j === digits) {
        out += c;
      } else if (!braced) {
        i = j - 1; // $1, $0
      } else if (body[j] === ':') {
        open++;
        i = j; // the default follows as ordinary text
      } else if (body[j] === '|') {
        const end = body.indexOf('|}', j + 1);
        const options = end < 0 ? body.slice(j + 1) : body.slice(j + 1, end);
        const comma = options.indexOf(',');
        out += comma < 0 ? options : options.slice(0, comma);
        i = end < 0 ? body.length : end + 1;
      } else {
        i = body[j] === '}' ? j : j - 1; // ${1}
      }
    } else {
      out += c;
    }
  }
  return out;
}

/** The snippet body that Insert Section and the `hub-…`/`toc-…` snippets insert. */
export function sectionSnippet(outline: Outline, section: Section, number?: number): string {
  const n = number ?? outline.sections.indexOf(section) + 1;
  const lines = [`## ${n}. ${snippetText(section.title)}`, '', ...guidance(section).map(snippetText), '', ...section.snippet, '', '$0'];
  return lines.join('\n');
}

export interface SnippetDef {
  prefix: string;
  body: string[];
  description: string;
  /** The outline it belongs to, and the outline section it inserts (element snippets have none). */
  type: DocType;
  section?: string;
}

/**
 * The `hub-…`/`toc-…`/`map-…` snippets, in outline order: one per section of each outline, and one
 * per theory-of-change and landscape-map element. The completion provider offers
 * them while the writer types (src/features/writing-help.ts).
 */
export function snippets(): Record<string, SnippetDef> {
  const out: Record<string, SnippetDef> = {};
  CHARTER.sections.forEach((s, i) => {
    out[`Hub charter ${i + 1}: ${s.title}`] = { prefix: `${CHARTER.snippetPrefix}${s.id}`, body: sectionSnippet(CHARTER, s, i + 1).split('\n'), description: `Charter section ${i + 1} — ${s.purpose}.`, type: 'hub-charter', section: s.id };
  });
  THEORY_OF_CHANGE.sections.forEach((s, i) => {
    out[`Theory of change ${i + 1}: ${s.title}`] = { prefix: `${THEORY_OF_CHANGE.snippetPrefix}section-${s.id}`, body: sectionSnippet(THEORY_OF_CHANGE, s, i + 1).split('\n'), description: `Theory-of-change section ${i + 1} — ${s.purpose}.`, type: 'theory-of-change', section: s.id };
  });
  for (const e of TOC_ELEMENTS) {
    out[`Theory of change element: ${e.name}`] = { prefix: `${THEORY_OF_CHANGE.snippetPrefix}${e.id}`, body: e.body, description: `${e.name} — ${e.description}.`, type: 'theory-of-change' };
  }
  LANDSCAPE_MAP.sections.forEach((s, i) => {
    out[`Landscape map ${i + 1}: ${s.title}`] = { prefix: `${LANDSCAPE_MAP.snippetPrefix}section-${s.id}`, body: sectionSnippet(LANDSCAPE_MAP, s, i + 1).split('\n'), description: `Landscape-map section ${i + 1} — ${s.purpose}.`, type: 'landscape-map', section: s.id };
  });
  for (const e of MAP_ELEMENTS) {
    out[`Landscape map element: ${e.name}`] = { prefix: `${LANDSCAPE_MAP.snippetPrefix}${e.id}`, body: e.body, description: `${e.name} — ${e.description}.`, type: 'landscape-map' };
  }
  return out;
}

export interface FoundSection {
  id: string;
  /** 0-based line of the heading. */
  line: number;
  level: number;
}

/** A heading's text without its leading number (`5. Theory of change` → `Theory of change`). */
function withoutNumber(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  const numbered = i > 0 && (text[i] === '.' || text[i] === ')');
  return (numbered ? text.slice(skipSpace(text, i + 1)) : text) || text;
}

/** A `##`/`###` heading's title without its numbering (`## 5. Theory of change` → `Theory of change`). */
function sectionHeading(line: string): { level: number; title: string } | undefined {
  const h = atxHeading(line);
  if (!h || h.level < 2 || h.level > 3 || !h.text) return undefined;
  return { level: h.level, title: withoutNumber(h.text) };
}

/** What kind of document this is: from front matter `type:`, else from its headings. */
export function detectDocType(text: string): DocType | undefined {
  try {
    const t = splitFrontMatter(text).data.type;
    if (t === 'hub-charter' || t === 'theory-of-change' || t === 'landscape-map') return t;
  } catch {
    // fall through to headings
  }
  const found = (o: Outline) => findSections(text, o).length;
  const c = found(CHARTER);
  const tc = found(THEORY_OF_CHANGE);
  const lm = found(LANDSCAPE_MAP);
  if (Math.max(c, tc, lm) < 2) return undefined;
  return c >= tc && c >= lm ? 'hub-charter' : tc >= lm ? 'theory-of-change' : 'landscape-map';
}

function normal(s: string): string {
  return slugOf(dropParenthesised(s));
}

const TITLES = new Map<Outline, Map<string, string>>();

/**
 * The outline section a heading names: numbering and parenthesised asides are ignored, and a title
 * may also be a prefix of the outline's ("Theory of change summary") or the other way round.
 */
export function sectionOfHeading(outline: Outline, heading: string): string | undefined {
  let titles = TITLES.get(outline);
  if (!titles) TITLES.set(outline, (titles = new Map(outline.sections.map((s) => [normal(s.title), s.id]))));
  const key = normal(withoutNumber(heading.trim()));
  return titles.get(key) ?? (key.length >= 6 ? [...titles.entries()].find(([t]) => key.startsWith(t) || t.startsWith(key))?.[1] : undefined);
}

/** The outline sections present in a document (matched by heading title, numbering ignored). */
export function findSections(text: string, outline: Outline): FoundSection[] {
  const out: FoundSection[] = [];
  const fences = new FenceTracker();
  splitLines(text).forEach((line, i) => {
    if (fences.isCode(line)) return;
    const m = sectionHeading(line);
    if (!m) return;
    const id = sectionOfHeading(outline, m.title);
    if (id && !out.some((f) => f.id === id)) out.push({ id, line: i, level: m.level });
  });
  return out;
}

/**
 * Where a section belongs: before the first present section that comes after it in the outline,
 * else at the end. Returns a 0-based line at which to insert.
 */
export function insertionLine(text: string, outline: Outline, sectionId: string): number {
  const order = outline.sections.findIndex((s) => s.id === sectionId);
  if (order < 0) throw new Error(`unknown section "${sectionId}"`);
  const present = findSections(text, outline);
  const after = present
    .map((p) => ({ ...p, order: outline.sections.findIndex((s) => s.id === p.id) }))
    .filter((p) => p.order > order)
    .sort((a, b) => a.line - b.line)[0];
  const lines = splitLines(text);
  if (after) return after.line;
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  return end;
}
