/**
 * The landscape map: readable Markdown that parses into actors, relations and existing
 * initiatives. Pure (no vscode, no Node built-ins), a linear line tokenizer, never throws:
 * malformed rows are kept as far as they can be read and reported, each with its line.
 *
 * ```markdown
 * ---
 * type: landscape-map
 * needs: [government, community]        ← actor types the problem needs (default: government)
 * charter: ./charter.md                 ← the charter whose goal initiatives are compared with
 * ---
 * ## Actors
 * | Actor | Type | Power | Interest | Stance | Already does | Role in the hub |
 * |---|---|---|---|---|---|---|
 * | Provincial Water Authority (PWA) | government | high | high | ally | Sets standards | Founding party; board constituency (provincial government) |
 *
 * ## Relations
 * - PWA regulates Private operators
 * - Blue River Foundation funds Clear Water Trust (filters)
 *
 * ## Existing initiatives
 * | Initiative | Goal | Relation to the hub |
 * |---|---|---|
 * | Northern piped-water project | Safe water for 200,000 people by 2028 | Coordinates: shares data |
 * ```
 *
 * Tables are recognised by their section or their header (an actors table stands under "Actors" or
 * has two of Type, Power, Interest and Stance; an initiatives table stands under "Existing
 * initiatives" or has a Goal column); columns may come in any order. Relations are list items
 * under "Relations": `A <verb> B`, with the verbs in RELATION_VERBS, or `A → B: label`. An actor
 * is named in relations by its name, by the name without a parenthesised part, or by that part
 * ("(PWA)"). Lines and columns are 0-based everywhere (as in the editor).
 */
import { findSections } from '../core/authoring';
import { splitFrontMatter } from '../core/frontmatter';
import { slugOf } from '../core/keys';
import { LANDSCAPE_MAP } from '../core/outlines';
import { findArrow, isFence, isHeading, listItem, plainText } from './toc';

// ------------------------------------------------------------------ vocabularies

export const ACTOR_TYPES = ['government', 'multilateral', 'business', 'civil-society', 'community', 'philanthropy', 'research'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
export const ACTOR_TYPE_LABEL: Readonly<Record<ActorType, string>> = {
  government: 'Government',
  multilateral: 'Multilateral',
  business: 'Business',
  'civil-society': 'Civil society',
  community: 'Community',
  philanthropy: 'Philanthropy',
  research: 'Research',
};

export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];
export const STANCES = ['ally', 'neutral', 'opponent'] as const;
export type Stance = (typeof STANCES)[number];

/** The actor types as written in a table (the canonical words first, then synonyms). */
const TYPE_WORDS: Readonly<Record<string, ActorType>> = {
  government: 'government', governments: 'government', 'public sector': 'government', state: 'government', ministry: 'government', 'local government': 'government', municipality: 'government', municipalities: 'government', regulator: 'government',
  multilateral: 'multilateral', multilaterals: 'multilateral', 'international organisation': 'multilateral', 'international organization': 'multilateral', intergovernmental: 'multilateral', 'development bank': 'multilateral', un: 'multilateral',
  business: 'business', 'private sector': 'business', private: 'business', company: 'business', companies: 'business', corporate: 'business', industry: 'business', 'for profit': 'business',
  'civil society': 'civil-society', ngo: 'civil-society', ngos: 'civil-society', cso: 'civil-society', csos: 'civil-society', 'non profit': 'civil-society', nonprofit: 'civil-society', 'civil society organisation': 'civil-society', 'civil society organization': 'civil-society',
  community: 'community', communities: 'community', 'affected community': 'community', 'affected communities': 'community', 'community organisation': 'community', 'community organization': 'community', grassroots: 'community', 'affected people': 'community',
  philanthropy: 'philanthropy', philanthropic: 'philanthropy', foundation: 'philanthropy', foundations: 'philanthropy',
  research: 'research', academia: 'research', academic: 'research', university: 'research', 'research institute': 'research', 'think tank': 'research',
};
const LEVEL_WORDS: Readonly<Record<string, Level>> = { high: 'high', 'very high': 'high', medium: 'medium', med: 'medium', mid: 'medium', moderate: 'medium', low: 'low', 'very low': 'low' };
const STANCE_WORDS: Readonly<Record<string, Stance>> = {
  ally: 'ally', allies: 'ally', allied: 'ally', supporter: 'ally', supportive: 'ally', champion: 'ally',
  neutral: 'neutral', undecided: 'neutral', indifferent: 'neutral',
  opponent: 'opponent', opposed: 'opponent', against: 'opponent', blocker: 'opponent', resistant: 'opponent', hostile: 'opponent',
};
/** Cells that say "not assessed yet" (treated like an empty cell). */
const NOT_YET = new Set(['', '-', '--', '—', '–', '?', '??', 'unknown', 'tbd', 'tbc', 'n/a', 'na', 'not yet', 'to be decided', 'to be assessed', 'none']);

export type RelationKind = 'funds' | 'partners with' | 'competes with' | 'regulates' | 'advises' | 'represents' | 'supplies' | 'reports to' | 'opposes' | 'supports' | 'contracts' | 'hosts' | 'trains' | 'owns' | 'member of' | 'influences' | 'other';

/** Relation verbs as written (third person singular) → their kind. Undirected kinds are drawn without arrowheads. */
export const RELATION_VERBS: Readonly<Record<string, RelationKind>> = {
  funds: 'funds', finances: 'funds', 'pays for': 'funds', 'gives grants to': 'funds',
  'partners with': 'partners with', 'works with': 'partners with', 'collaborates with': 'partners with', 'cooperates with': 'partners with',
  'competes with': 'competes with',
  regulates: 'regulates', licenses: 'regulates', licences: 'regulates', oversees: 'regulates',
  advises: 'advises',
  represents: 'represents',
  supplies: 'supplies', 'sells to': 'supplies',
  'reports to': 'reports to',
  opposes: 'opposes',
  supports: 'supports',
  contracts: 'contracts', hires: 'contracts',
  hosts: 'hosts',
  trains: 'trains',
  owns: 'owns',
  'is a member of': 'member of', 'is member of': 'member of', 'member of': 'member of',
  influences: 'influences', lobbies: 'influences',
  // Plural subjects ("Municipalities fund …") read the same.
  fund: 'funds', 'partner with': 'partners with', 'work with': 'partners with', 'compete with': 'competes with', regulate: 'regulates', advise: 'advises', represent: 'represents', supply: 'supplies', 'report to': 'reports to', oppose: 'opposes', support: 'supports',
};
const UNDIRECTED: ReadonlySet<RelationKind> = new Set(['partners with', 'competes with']);
/** Verbs sorted longest first, so "is a member of" wins over "member of". */
const VERBS_BY_LENGTH = Object.keys(RELATION_VERBS).sort((a, b) => b.length - a.length);

// ------------------------------------------------------------------ model

export type ActorColumn = 'name' | 'type' | 'power' | 'interest' | 'stance' | 'does' | 'role';
export type InitiativeColumn = 'name' | 'goal' | 'relation';

export interface Cell {
  text: string;
  /** 0-based column of the cell's first non-space character, and just after its last. */
  column: number;
  end: number;
}

export interface ActorRole {
  kind: 'founding-party' | 'board-constituency';
  /** The constituency named in parentheses or after a colon: "board constituency (municipalities)". */
  label?: string;
}

export interface Actor {
  /** Unique slug of the name (`riverlands-water-authority`, `-2` for a repeated name). */
  id: string;
  /** The name as written (emphasis removed). */
  name: string;
  /** Other names relations may use: the name without its parenthesised part, and that part. */
  aliases: string[];
  type?: ActorType;
  power?: Level;
  interest?: Level;
  stance?: Stance;
  does: string;
  role: string;
  roles: ActorRole[];
  /** Founding party, board constituency, or a role that votes or decides. */
  decides: boolean;
  /** 0-based line of the row. */
  line: number;
  cells: Partial<Record<ActorColumn, Cell>>;
}

export interface Relation {
  from: string;
  to: string;
  /** Resolved actor ids (undefined when the name is not in the actors table). */
  fromId?: string;
  toId?: string;
  kind: RelationKind;
  /** The verb or label as written ("funds", "lends to"). */
  label: string;
  directed: boolean;
  /** Text after the second name: "(subsidies)", ": for repairs". */
  note?: string;
  line: number;
  /** 0-based columns of the names in the line (for quick fixes), when found. */
  fromSpan?: [number, number];
  toSpan?: [number, number];
}

export interface Initiative {
  name: string;
  goal: string;
  /** The hub's relation to it; '' when none is stated. */
  relation: string;
  line: number;
  cells: Partial<Record<InitiativeColumn, Cell>>;
}

export type MapProblemCode =
  | 'no-actors'
  | 'missing-name'
  | 'duplicate-actor'
  | 'unknown-type'
  | 'unknown-level'
  | 'unknown-stance'
  | 'missing-value'
  | 'extra-cells'
  | 'unreadable-relation'
  | 'self-relation'
  | 'unknown-actor'
  | 'unknown-need';

export interface MapProblem {
  line: number;
  /** 0-based columns of what is wrong (the whole line when absent). */
  column?: number;
  endColumn?: number;
  code: MapProblemCode;
  message: string;
  /** A replacement for the text at column..endColumn ("government" for "goverment"). */
  suggestion?: string;
}

export interface TableInfo {
  /** 0-based line of the header row, and of the last row. */
  line: number;
  endLine: number;
  /** What each column holds (actor tables), in order; undefined for columns read as notes. */
  columns?: (ActorColumn | undefined)[];
}

export interface LandscapeMap {
  hub?: string;
  actors: Actor[];
  relations: Relation[];
  initiatives: Initiative[];
  problems: MapProblem[];
  /** Actor types the problem needs (front matter `needs:`; default: government). */
  needs: ActorType[];
  needsDeclared: boolean;
  /** 0-based line of `needs:` in the front matter, when declared. */
  needsLine?: number;
  /** Outline sections found: 0-based heading line and end (exclusive). */
  sections: Partial<Record<string, { line: number; end: number }>>;
  actorTables: TableInfo[];
  initiativeTables: TableInfo[];
}

/** What the problem needs when the front matter does not say: hubs work with and through governments. */
export const DEFAULT_NEEDS: readonly ActorType[] = ['government'];

// ------------------------------------------------------------------ text helpers

/** Lower-case words of a text joined by single spaces ("Civil-society" → "civil society"). */
export function normalWords(s: string): string {
  return (plainText(s).toLowerCase().normalize('NFKD').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

const keyCache = new Map<string, string>();

/** The key a name is looked up by: its words, without a leading "the". */
export function nameKey(s: string): string {
  let k = keyCache.get(s);
  if (k === undefined) {
    const w = normalWords(s);
    k = w.startsWith('the ') ? w.slice(4) : w;
    if (keyCache.size > 5000) keyCache.clear();
    keyCache.set(s, k);
  }
  return k;
}

/** Edit distance, stopping early above `max` (names are short). */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

function closest(word: string, candidates: readonly string[], max = 2): string | undefined {
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, max);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** Splits a table row into cells with their columns: `|`-separated, `\|` escaped. Linear. */
export function splitRow(line: string): Cell[] {
  const cells: Cell[] = [];
  let start = 0;
  let i = 0;
  const lead = line.length - line.trimStart().length;
  if (line[lead] === '|') start = i = lead + 1;
  const push = (from: number, to: number) => {
    let a = from;
    let b = to;
    while (a < b && (line[a] === ' ' || line[a] === '\t')) a++;
    while (b > a && (line[b - 1] === ' ' || line[b - 1] === '\t')) b--;
    cells.push({ text: line.slice(a, b), column: a, end: b });
  };
  for (; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === '|') {
      push(start, i);
      start = i + 1;
    }
  }
  if (line.slice(start).trim() !== '' || cells.length === 0) push(start, line.length);
  return cells.map((c) => ({ ...c, text: c.text.replace(/\\\|/g, '|') }));
}

/** A delimiter row: `|---|:--:|---:|`. */
function isDelimiterRow(line: string): boolean {
  const cells = splitRow(line);
  if (!cells.length) return false;
  for (const c of cells) {
    const t = c.text;
    if (!t) return false;
    for (const ch of t) if (ch !== '-' && ch !== ':' && ch !== ' ') return false;
    if (!t.includes('-')) return false;
  }
  return true;
}

// ------------------------------------------------------------------ tables

interface RawTable {
  header: Cell[];
  /** 0-based line of the header row. */
  line: number;
  rows: { cells: Cell[]; line: number }[];
}

/** Every table outside fences, block quotes and the front matter. */
function findTables(lines: string[], skipUntil: number): RawTable[] {
  const out: RawTable[] = [];
  let fence = false;
  for (let i = skipUntil + 1; i < lines.length; i++) {
    const l = lines[i];
    if (isFence(l)) {
      fence = !fence;
      continue;
    }
    if (fence) continue;
    const t = l.trimStart();
    if (!l.includes('|') || t.startsWith('>') || i + 1 >= lines.length || !isDelimiterRow(lines[i + 1])) continue;
    const table: RawTable = { header: splitRow(l), line: i, rows: [] };
    let j = i + 2;
    for (; j < lines.length; j++) {
      const r = lines[j];
      if (!r.trim() || !r.includes('|') || isFence(r) || isHeading(r)) break;
      table.rows.push({ cells: splitRow(r), line: j });
    }
    out.push(table);
    i = j - 1;
  }
  return out;
}

const HEADER_KEYS: { column: ActorColumn; words: string[] }[] = [
  { column: 'type', words: ['type', 'sector', 'kind', 'category'] },
  { column: 'power', words: ['power', 'influence'] },
  { column: 'interest', words: ['interest'] },
  { column: 'stance', words: ['stance', 'position', 'attitude', 'alignment', 'disposition'] },
  { column: 'role', words: ['role'] },
  { column: 'does', words: ['does', 'doing', 'activities', 'activity', 'work', 'mandate', 'what'] },
  { column: 'name', words: ['actor', 'name', 'organisation', 'organization', 'stakeholder', 'who'] },
];
const POSITIONAL: ActorColumn[] = ['name', 'type', 'power', 'interest', 'stance', 'does', 'role'];

function actorColumns(header: Cell[]): (ActorColumn | undefined)[] {
  const used = new Set<ActorColumn>();
  return header.map((c) => {
    const words = normalWords(c.text).split(' ');
    const hit = HEADER_KEYS.find((k) => !used.has(k.column) && k.words.some((w) => words.includes(w)));
    if (hit) used.add(hit.column);
    return hit?.column;
  });
}

const INITIATIVE_KEYS: { column: InitiativeColumn; words: string[] }[] = [
  { column: 'relation', words: ['relation', 'relationship', 'hub', 'link'] },
  { column: 'goal', words: ['goal', 'goals', 'aim', 'objective', 'purpose'] },
  { column: 'name', words: ['initiative', 'initiatives', 'programme', 'program', 'project', 'name', 'platform'] },
];

function initiativeColumns(header: Cell[]): (InitiativeColumn | undefined)[] {
  const used = new Set<InitiativeColumn>();
  return header.map((c) => {
    const words = normalWords(c.text).split(' ');
    const hit = INITIATIVE_KEYS.find((k) => !used.has(k.column) && k.words.some((w) => words.includes(w)));
    if (hit) used.add(hit.column);
    return hit?.column;
  });
}

// ------------------------------------------------------------------ values

/**
 * The text without the given characters at its end (a loop, not a `[…]+$` regex, which would scan
 * a long run of them from every position).
 */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

function normalValue(s: string): string {
  return trimEndChars(plainText(s).toLowerCase().replace(/[-_]/g, ' '), '.;:! ').replace(/\s+/g, ' ').trim();
}

function readValue<T extends string>(words: Readonly<Record<string, T>>, raw: string): { value?: T; empty: boolean } {
  const v = normalValue(raw);
  if (NOT_YET.has(v)) return { empty: true };
  if (Object.hasOwn(words, v)) return { value: words[v], empty: false };
  // "government (provincial)", "high — controls the budget": the first words decide.
  const first = v.split(/[ (,/]/)[0];
  const two = v.split(' ').slice(0, 2).join(' ');
  if (Object.hasOwn(words, two)) return { value: words[two], empty: false };
  if (Object.hasOwn(words, first)) return { value: words[first], empty: false };
  return { empty: false };
}

/** Roles that must show in the charter, and whether the actor takes part in decisions. */
export function readRoles(role: string): { roles: ActorRole[]; decides: boolean } {
  const roles: ActorRole[] = [];
  let decides = false;
  // Parts split at ; and at commas outside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of plainText(role)) {
    if (c === '(') depth++;
    if (c === ')') depth = Math.max(0, depth - 1);
    if ((c === ';' || (c === ',' && depth === 0)) && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  for (const part of parts) {
    const w = ` ${normalWords(part)} `;
    if (w.trim() === '') continue;
    const labelOf = () => {
      const open = part.indexOf('(');
      const close = part.lastIndexOf(')');
      if (open >= 0 && close > open) return part.slice(open + 1, close).trim() || undefined;
      const colon = part.indexOf(':');
      return colon >= 0 ? part.slice(colon + 1).trim() || undefined : undefined;
    };
    if (w.includes(' founding part') || w.includes(' founder') || w.includes(' founding member') || w.includes(' signator') || w.includes(' co founder')) {
      roles.push({ kind: 'founding-party', label: labelOf() });
      decides = true;
    }
    if ((w.includes(' board ') || w.includes(' steering ')) && (w.includes(' constituency ') || w.includes(' seat') || w.includes(' member') || w.includes(' delegation'))) {
      roles.push({ kind: 'board-constituency', label: labelOf() });
      decides = true;
    } else if (w.includes(' constituency ')) {
      roles.push({ kind: 'board-constituency', label: labelOf() });
      decides = true;
    }
    if (w.includes(' vote') || w.includes(' votes ') || w.includes(' decid') || w.includes(' seat') || w.includes(' chair') || w.includes(' veto') || w.includes(' budget authority')) decides = true;
  }
  return { roles, decides };
}

// ------------------------------------------------------------------ the parser

const SECTION_IDS = LANDSCAPE_MAP.sections.map((s) => s.id);
/** "Did you mean" suggestions for at most this many unknown names per map. */
const MAX_SUGGESTIONS = 25;
/** The longest actor name a relation is read with, and the most verb positions tried per relation. */
const MAX_NAME = 200;
const MAX_CANDIDATES = 12;

/** The front matter's closing line (0-based), or -1. */
function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.replace(/^\uFEFF/, '').trim() !== '---') return -1;
  for (let i = 1; i < lines.length; i++) if (lines[i].trim() === '---' || lines[i].trim() === '...') return i;
  return -1;
}

/**
 * Parses a landscape map. Never throws: what cannot be read is reported as a problem with its
 * line, and the rest of the map is still returned.
 */
export function parseLandscape(source: string): LandscapeMap {
  try {
    return parse(typeof source === 'string' ? source : '');
  } catch (e) {
    return { actors: [], relations: [], initiatives: [], problems: [{ line: 0, code: 'no-actors', message: `The landscape map could not be read (${e instanceof Error ? e.message : String(e)}).` }], needs: [...DEFAULT_NEEDS], needsDeclared: false, sections: {}, actorTables: [], initiativeTables: [] };
  }
}

function parse(source: string): LandscapeMap {
  const lines = source.split(/\r?\n/);
  const problems: MapProblem[] = [];
  const fm = frontMatterEnd(lines);

  // ---- front matter: hub name and needs
  let hub: string | undefined;
  let needs: ActorType[] = [...DEFAULT_NEEDS];
  let needsDeclared = false;
  let needsLine: number | undefined;
  try {
    const split = splitFrontMatter(source);
    if (typeof split.data.hub === 'string') hub = split.data.hub;
    const raw = split.data.needs;
    if (raw !== undefined && raw !== null) {
      needsDeclared = true;
      needsLine = split.lineOf(['needs']) - 1;
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
      needs = [];
      for (const item of list) {
        const { value } = readValue(TYPE_WORDS, String(item));
        if (value) {
          if (!needs.includes(value)) needs.push(value);
        } else if (normalValue(String(item))) {
          const suggestion = closest(normalValue(String(item)), Object.keys(TYPE_WORDS));
          problems.push({ line: needsLine, code: 'unknown-need', message: `"${String(item)}" in needs: is not an actor type: use ${typeList()}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}` });
        }
      }
    }
  } catch {
    // Broken front matter is reported by the front-matter checks; the body is still read.
  }

  // ---- sections
  const headings: { line: number; level: number }[] = [];
  let fence = false;
  lines.forEach((l, i) => {
    if (i <= fm) return;
    if (isFence(l)) fence = !fence;
    else if (!fence) {
      const h = isHeading(l);
      if (h) headings.push({ line: i, level: h });
    }
  });
  const sections: LandscapeMap['sections'] = {};
  for (const f of findSections(source, LANDSCAPE_MAP)) {
    if (f.line <= fm || !SECTION_IDS.includes(f.id)) continue;
    const next = headings.find((h) => h.line > f.line && h.level <= f.level);
    sections[f.id] = { line: f.line, end: next ? next.line : lines.length };
  }
  const inSection = (id: string, line: number) => {
    const s = sections[id];
    return !!s && line > s.line && line < s.end;
  };

  // ---- tables
  const actors: Actor[] = [];
  const initiatives: Initiative[] = [];
  const actorTables: TableInfo[] = [];
  const initiativeTables: TableInfo[] = [];
  const ids = new Set<string>();
  const seenNames = new Map<string, Actor>();
  for (const table of findTables(lines, fm)) {
    const aCols = actorColumns(table.header);
    const iCols = initiativeColumns(table.header);
    // Outside their sections, an actors table has two of type/power/interest/stance, an initiatives table a goal.
    const looksActor = aCols.filter((c) => c === 'type' || c === 'power' || c === 'interest' || c === 'stance').length >= 2;
    const looksInitiative = iCols.includes('goal') && !looksActor;
    const endLine = table.rows.length ? table.rows[table.rows.length - 1].line : table.line + 1;
    if (inSection('initiatives', table.line) || (looksInitiative && !inSection('actors', table.line))) {
      initiativeTables.push({ line: table.line, endLine });
      const cols = iCols.some((c) => c) ? iCols : (['name', 'goal', 'relation'] as InitiativeColumn[]);
      if (!cols.includes('name')) cols[cols.findIndex((c) => !c) >= 0 ? cols.findIndex((c) => !c) : 0] = 'name';
      for (const row of table.rows) {
        const cells: Initiative['cells'] = {};
        row.cells.forEach((c, k) => {
          const col = cols[k];
          if (col && !cells[col]) cells[col] = c;
        });
        const name = plainText(cells.name?.text ?? '');
        if (!name && !row.cells.some((c) => c.text.trim())) continue;
        const relation = plainText(cells.relation?.text ?? '');
        initiatives.push({ name, goal: plainText(cells.goal?.text ?? ''), relation: NOT_YET.has(relation.toLowerCase().trim()) ? '' : relation, line: row.line, cells });
      }
      continue;
    }
    if (!looksActor && !inSection('actors', table.line)) continue;
    let cols = aCols;
    // Under "Actors" with headers we cannot read: the template's column order.
    if (!cols.some((c) => c && c !== 'name')) cols = POSITIONAL.slice(0, Math.max(table.header.length, 1));
    if (!cols.includes('name')) {
      const free = cols.findIndex((c) => !c);
      cols = [...cols];
      cols[free >= 0 ? free : 0] = 'name';
    }
    actorTables.push({ line: table.line, endLine, columns: cols });
    for (const row of table.rows) {
      if (!row.cells.some((c) => c.text.trim())) continue;
      const cells: Actor['cells'] = {};
      row.cells.forEach((c, k) => {
        const col = cols[k];
        if (col && !cells[col]) cells[col] = c;
      });
      if (row.cells.length > table.header.length) {
        const extra = row.cells[table.header.length];
        problems.push({ line: row.line, column: extra.column, endColumn: row.cells[row.cells.length - 1].end, code: 'extra-cells', message: `This row has ${row.cells.length} cells but the table has ${table.header.length} columns; the extra cells are ignored. Is there a "|" inside a name? Write it as "\\|".` });
      }
      const rawName = cells.name?.text ?? '';
      const name = plainText(rawName).replace(/\s+/g, ' ').trim();
      if (!name) {
        problems.push({ line: row.line, code: 'missing-name', message: 'This actor row has no name: the first column names the actor.' });
        continue;
      }
      const { roles, decides } = readRoles(cells.role?.text ?? '');
      const aliases = aliasesOf(name);
      let id = slugOf(name) || `actor-${row.line + 1}`;
      if (ids.has(id)) {
        let k = 2;
        while (ids.has(`${id}-${k}`)) k++;
        id = `${id}-${k}`;
      }
      ids.add(id);
      const actor: Actor = { id, name, aliases, does: plainText(cells.does?.text ?? ''), role: plainText(cells.role?.text ?? ''), roles, decides, line: row.line, cells };
      const key = nameKey(name);
      const earlier = seenNames.get(key);
      if (earlier) problems.push({ line: row.line, column: cells.name?.column, endColumn: cells.name?.end, code: 'duplicate-actor', message: `"${name}" is already in the table (line ${earlier.line + 1}): relations cannot tell the two apart. Merge the rows or give them different names.` });
      else seenNames.set(key, actor);
      readActorValues(actor, problems);
      actors.push(actor);
    }
  }

  // ---- initiatives written as a list
  const initSection = sections.initiatives;
  if (initSection) {
    for (const item of scanItems(lines, initSection.line, initSection.end)) initiatives.push(initiativeFromItem(item.text, item.line));
  }

  if (!actors.length) {
    const at = sections.actors?.line ?? Math.max(0, fm + 1);
    problems.push({ line: at, code: 'no-actors', message: sections.actors ? 'The "Actors" section has no actor rows yet: add one row per actor (name, type, power, interest, stance, what it already does, its role in the hub).' : 'No actors table: add an "Actors" section with a table of actors (Impact Hubs: Insert Section… adds it).' });
  }

  // ---- relations
  const index = actorIndex(actors);
  let longest = 0;
  for (const k of index.keys()) longest = Math.max(longest, k.length);
  const relations: Relation[] = [];
  const relSection = sections.relations;
  let suggested = 0;
  if (relSection) {
    for (const item of scanItems(lines, relSection.line, relSection.end)) {
      const r = readRelation(item.text, item.line, lines[item.line], index, longest);
      if ('problem' in r) {
        problems.push(r.problem);
        continue;
      }
      relations.push(r.relation);
      for (const [side, name, span] of [['from', r.relation.from, r.relation.fromSpan], ['to', r.relation.to, r.relation.toSpan]] as const) {
        if ((side === 'from' ? r.relation.fromId : r.relation.toId) !== undefined) continue;
        // Suggestions compare with every actor: only for the first few unknown names (linear time on any input).
        const suggestion = ++suggested <= MAX_SUGGESTIONS ? suggestActor(name, actors) : undefined;
        problems.push({ line: item.line, column: span?.[0], endColumn: span?.[1], code: 'unknown-actor', message: `"${name}" is not in the actors table${suggestion ? `: did you mean "${suggestion}"?` : ': add a row for it, or name it as in the table.'}`, suggestion });
      }
      if (r.relation.fromId && r.relation.fromId === r.relation.toId) problems.push({ line: item.line, code: 'self-relation', message: `"${r.relation.from}" ${r.relation.label} itself: a relation joins two different actors.` });
    }
  }
  problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { hub, actors, relations, initiatives, problems, needs, needsDeclared, needsLine, sections, actorTables, initiativeTables };
}

function typeList(): string {
  return ACTOR_TYPES.map((t) => ACTOR_TYPE_LABEL[t].toLowerCase()).join(', ');
}

/** The other names of an actor: the name without its parenthesised part, and that part ("PWA"). */
function aliasesOf(name: string): string[] {
  const open = name.indexOf('(');
  const close = name.indexOf(')', open + 1);
  if (open < 0 || close < 0) return [];
  const inner = name.slice(open + 1, close).trim();
  const outer = `${name.slice(0, open)} ${name.slice(close + 1)}`.replace(/\s+/g, ' ').trim();
  return [outer, inner].filter((x) => x.length >= 2);
}

function readActorValues(actor: Actor, problems: MapProblem[]): void {
  const { cells } = actor;
  const check = <T extends string>(col: 'type' | 'power' | 'interest' | 'stance', words: Readonly<Record<string, T>>, canonical: readonly string[], code: MapProblemCode, what: string, allowed: string): T | undefined => {
    const cell = cells[col];
    if (!cell) {
      problems.push({ line: actor.line, code: 'missing-value', message: `"${actor.name}" has no ${what} (its row is short of cells): add ${allowed}.` });
      return undefined;
    }
    const { value, empty } = readValue(words, cell.text);
    if (value) return value;
    if (empty) {
      problems.push({ line: actor.line, column: cell.column, endColumn: Math.max(cell.end, cell.column + 1), code: 'missing-value', message: `"${actor.name}" has no ${what} yet: write ${allowed}.` });
      return undefined;
    }
    const suggestion = closest(normalValue(cell.text), canonical);
    problems.push({ line: actor.line, column: cell.column, endColumn: cell.end, code, message: `"${plainText(cell.text)}" is not a ${what}: write ${allowed}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, suggestion });
    return undefined;
  };
  actor.type = check('type', TYPE_WORDS, ['government', 'multilateral', 'business', 'civil society', 'community', 'philanthropy', 'research'], 'unknown-type', 'type', typeList());
  actor.power = check('power', LEVEL_WORDS, LEVELS, 'unknown-level', 'power level', 'high, medium or low');
  actor.interest = check('interest', LEVEL_WORDS, LEVELS, 'unknown-level', 'interest level', 'high, medium or low');
  actor.stance = check('stance', STANCE_WORDS, STANCES, 'unknown-stance', 'stance', 'ally, neutral or opponent');
}

/** List items of a section (with continuation lines), outside fences, quotes and tables. */
function scanItems(lines: string[], start: number, end: number): { text: string; line: number }[] {
  const out: { text: string; line: number; indent: number }[] = [];
  let fence = false;
  let current: { text: string; line: number; indent: number } | undefined;
  for (let i = start + 1; i < end; i++) {
    const line = lines[i];
    if (isFence(line)) {
      fence = !fence;
      current = undefined;
      continue;
    }
    const t = line.trim();
    if (fence || !t || t.startsWith('>') || t.startsWith('|') || t.startsWith('<!--') || isHeading(line)) {
      current = undefined;
      continue;
    }
    const item = listItem(line, i);
    if (item) {
      // Nested items are notes on their parent relation, not relations of their own.
      if (current && item.indent > current.indent) continue;
      current = { text: item.text, line: i, indent: item.indent };
      out.push(current);
    } else if (current) current.text = `${current.text} ${t}`;
  }
  return out;
}

function initiativeFromItem(text: string, line: number): Initiative {
  const plain = plainText(text);
  let name = plain;
  let rest = '';
  // The name ends at the first ": " or dash.
  let cut: { at: number; length: number } | undefined;
  for (const sep of [': ', ' — ', ' – ', ' - ']) {
    const at = plain.indexOf(sep);
    if (at > 0 && (!cut || at < cut.at)) cut = { at, length: sep.length };
  }
  if (cut) {
    name = plain.slice(0, cut.at).trim();
    rest = plain.slice(cut.at + cut.length).trim();
  }
  let goal = rest;
  let relation = '';
  const lower = rest.toLowerCase();
  for (const label of ['relation to the hub:', 'relation to the hub', 'relation:']) {
    const at = lower.indexOf(label);
    if (at < 0) continue;
    goal = trimEndChars(rest.slice(0, at), ' \t(;,.').trim();
    relation = trimEndChars(rest.slice(at + label.length).replace(/^[\s:]+/, ''), ') \t.').trim();
    break;
  }
  return { name, goal, relation: NOT_YET.has(relation.toLowerCase()) ? '' : relation, line, cells: {} };
}

/** Actor lookup by every name it may be called: name, alias, without "the". */
export function actorIndex(actors: Actor[]): Map<string, Actor> {
  const index = new Map<string, Actor>();
  for (const a of actors) {for (const n of [a.name, ...a.aliases]) {
    const k = nameKey(n);
    if (k && !index.has(k)) index.set(k, a);
  }}
  return index;
}

/** The actor a relation most likely meant: one whose name contains every word, or a near spelling. */
export function suggestActor(name: string, actors: Actor[]): string | undefined {
  const key = nameKey(name);
  if (!key) return undefined;
  const words = key.split(' ');
  const containing = actors.filter((a) => [a.name, ...a.aliases].some((n) => {
    const k = ` ${nameKey(n)} `;
    return words.every((w) => k.includes(` ${w} `));
  }));
  if (containing.length === 1) return containing[0].name;
  let best: Actor | undefined;
  let bestD = Math.min(3, Math.floor(key.length / 4)) + 1;
  for (const a of actors) {for (const n of [a.name, ...a.aliases]) {
    const d = editDistance(key, nameKey(n), bestD - 1);
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }}
  return best?.name;
}

/**
 * Splits "B (note)", "B: note", "B, for …", "B." into the name and its note: the longest start
 * that names a known actor, else the text up to the first "(", ":", "," or dash.
 */
function splitNote(s: string, known: (name: string) => boolean): { name: string; note?: string } {
  const clean = (x: string) => trimEndChars(x, '.;:').trim();
  // Names are short: only cuts within the first MAX_NAME characters are tried (linear time).
  const cuts: number[] = s.length <= MAX_NAME ? [s.length] : [];
  for (const sep of [' (', ': ', ', ', ' — ', ' – ', ' because ', ' for ', ' to ', ' in ', ' on ', ' with ']) {
    let at = s.indexOf(sep);
    while (at > 0 && at <= MAX_NAME) {
      cuts.push(at);
      at = s.indexOf(sep, at + 1);
    }
  }
  cuts.sort((a, b) => b - a);
  let cut = cuts.find((c) => known(clean(s.slice(0, c))));
  if (cut === undefined) {
    cut = s.length;
    for (const sep of [' (', ': ', ', ', ' — ', ' – ']) {
      const at = s.indexOf(sep);
      if (at > 0 && at < cut) cut = at;
    }
  }
  const note = s.slice(cut).replace(/^[\s:,—–]+/, '').trim();
  return { name: clean(s.slice(0, cut)), note: note || undefined };
}

function spanOf(raw: string, piece: string, from = 0): [number, number] | undefined {
  if (!piece) return undefined;
  const at = raw.toLowerCase().indexOf(piece.toLowerCase(), from);
  return at >= 0 ? [at, at + piece.length] : undefined;
}

function readRelation(text: string, line: number, raw: string, index: Map<string, Actor>, longest: number): { relation: Relation } | { problem: MapProblem } {
  const plain = plainText(text).replace(/\.$/, '');
  // Text much longer than any actor's name cannot be one: not normalised, not looked up.
  const lookup = (n: string) => (n.length <= 2 * longest + 8 ? index.get(nameKey(n)) : undefined);
  // `A → B: label`
  const arrow = findArrow(plain);
  if (arrow) {
    const from = plain.slice(0, arrow.at).trim();
    const rightAll = plain.slice(arrow.at + arrow.length).trim();
    const colon = rightAll.indexOf(':');
    const to = (colon >= 0 ? rightAll.slice(0, colon) : rightAll).trim();
    const label = colon >= 0 ? rightAll.slice(colon + 1).trim() : '';
    if (!from || !to) return { problem: { line, code: 'unreadable-relation', message: 'A relation with an arrow needs an actor on each side: "A → B: funds".' } };
    const kind = Object.hasOwn(RELATION_VERBS, label.toLowerCase()) ? RELATION_VERBS[label.toLowerCase()] : 'other';
    const fromSpan = spanOf(raw, from);
    return { relation: { from, to, fromId: lookup(from)?.id, toId: lookup(to)?.id, kind, label: label || 'relates to', directed: !UNDIRECTED.has(kind), line, fromSpan, toSpan: spanOf(raw, to, fromSpan?.[1] ?? 0) } };
  }
  // `A <verb> B`: every verb occurrence is a candidate split; the one whose sides are known actors wins.
  const lower = plain.toLowerCase();
  let best: { score: number; at: number; verb: string; from: string; to: string; note?: string } | undefined;
  let candidates = 0;
  for (const verb of VERBS_BY_LENGTH) {
    let at = lower.indexOf(` ${verb} `);
    // A relation has one verb; a line full of them is read from its first few (linear time).
    while (at >= 0 && at <= MAX_NAME && candidates++ < MAX_CANDIDATES) {
      const from = plain.slice(0, at).trim();
      const { name: to, note } = splitNote(plain.slice(at + verb.length + 2).trim(), (n) => !!lookup(n));
      const score = (lookup(from) ? 2 : 0) + (lookup(to) ? 2 : 0) + (from && to ? 1 : 0);
      if (!best || score > best.score || (score === best.score && at < best.at)) best = { score, at, verb, from, to, note };
      at = lower.indexOf(` ${verb} `, at + 1);
    }
  }
  if (!best || !best.from || !best.to) {
    return { problem: { line, code: 'unreadable-relation', message: `This relation cannot be read: write "A funds B", "A partners with B", "A competes with B", "A regulates B" (also ${['advises', 'represents', 'supplies', 'reports to', 'opposes', 'supports'].join(', ')}), or "A → B: label", naming actors as in the table.` } };
  }
  const kind = RELATION_VERBS[best.verb];
  const fromSpan = spanOf(raw, best.from);
  return {
    relation: { from: best.from, to: best.to, fromId: lookup(best.from)?.id, toId: lookup(best.to)?.id, kind, label: best.verb, directed: !UNDIRECTED.has(kind), note: best.note, line, fromSpan, toSpan: spanOf(raw, best.to, fromSpan?.[1] ?? 0) },
  };
}

// ------------------------------------------------------------------ questions the checks and views ask

/** Whether a text (already reduced by `normalWords` and padded with spaces) mentions an actor. */
export function mentions(paddedWords: string, actor: Pick<Actor, 'name' | 'aliases'>): boolean {
  for (const n of [actor.name, ...actor.aliases]) {
    const k = nameKey(n);
    if (k.length >= 2 && paddedWords.includes(` ${k} `)) return true;
  }
  return false;
}

/** The actor whose row is on a 0-based line. */
export function actorAtLine(map: Pick<LandscapeMap, 'actors'>, line: number): Actor | undefined {
  return map.actors.find((a) => a.line === line);
}

/** Content words of a goal, for comparing goals (stop words, numbers and dates left out). */
const STOP = new Set('a an and are as at be by for from has have in into is it its of on or our over per than that the their this to up was we were will with within without who whose all year years more most less new each every other'.split(' '));

export function goalWords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of normalWords(text).split(' ')) {
    if (w.length < 3 || STOP.has(w) || /^\d/.test(w)) continue;
    // A crude stem: plural endings, so "schemes" meets "scheme"; the word as written is kept for messages.
    const stem = w.length > 4 && w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
    if (!out.has(stem)) out.set(stem, w);
  }
  return out;
}

/** How much two goals overlap: shared content words over the smaller set (0–1), and those words (as in `a`). */
export function goalOverlap(a: string, b: string): { score: number; shared: string[] } {
  const x = goalWords(a);
  const y = goalWords(b);
  if (!x.size || !y.size) return { score: 0, shared: [] };
  const shared = [...x.keys()].filter((w) => y.has(w));
  return { score: shared.length / Math.min(x.size, y.size), shared: shared.map((w) => x.get(w)!) };
}

/** Whether an initiative states how the hub relates to it. */
export function hasRelation(i: Initiative): boolean {
  return i.relation.trim() !== '';
}
