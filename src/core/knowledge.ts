import { FrontMatterError, splitFrontMatter, type SplitResult } from './frontmatter';
import { scanMarkdown, slugify } from './markdown-scan';
import { ACTOR_TYPES, HUB_SECTIONS, ISSUE_CATEGORIES, PRINCIPLE_IDS, PRINCIPLE_SECTIONS, RATINGS, REGIONS } from './vocab';
import { DOC_KINDS, isDocKind } from './kinds';
import type { Amount, DocKind, Fact, HubFacts, KnowledgeDoc, Origin, ParseResult, PrincipleRating, Problem } from './types';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ParseOptions {
  /** Shown in problems; also the doc's `path`. */
  path: string;
  origin: Origin;
  /** Used when the front matter has no `id` (workspace notes). */
  fallbackId?: string;
  /** Bundled docs must be complete; workspace docs may be plain notes. */
  strict?: boolean;
}

type Path = (string | number)[];

/** Collects problems with file lines for a front-matter object. */
class Checker {
  constructor(
    readonly problems: Problem[],
    readonly file: string,
    readonly fm: SplitResult,
    readonly strict: boolean,
  ) {}

  report(path: Path, message: string, severity: Problem['severity'] = 'error'): void {
    this.problems.push({ file: this.file, line: this.fm.lineOf(path), field: fieldName(path), message, severity, code: 'schema' });
  }

  str(obj: Record<string, unknown>, key: string, path: Path, required = false): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.report([...path, key], 'is required', this.strict ? 'error' : 'warning');
      return undefined;
    }
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') {
      this.report([...path, key], `must be text, not ${describe(v)}`);
      return undefined;
    }
    return v.trim();
  }

  strList(obj: Record<string, unknown>, key: string, path: Path, allowed?: Record<string, string> | readonly string[]): string[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    const arr = Array.isArray(v) ? v : [v];
    const out: string[] = [];
    arr.forEach((item, i) => {
      if (typeof item !== 'string' && typeof item !== 'number') {
        this.report([...path, key, i], `must be text, not ${describe(item)}`);
        return;
      }
      const s = String(item).trim();
      const ok = !allowed || (Array.isArray(allowed) ? allowed.includes(s) : Object.hasOwn(allowed, s));
      if (!ok) {
        const names = Array.isArray(allowed) ? allowed : Object.keys(allowed!);
        this.report([...path, key, i], `"${s}" is not one of: ${names.join(', ')}`);
        return;
      }
      out.push(s);
    });
    return out;
  }

  obj(v: unknown, path: Path): Record<string, unknown> | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.report(path, `must be a mapping (key: value), not ${describe(v)}`);
      return undefined;
    }
    return v as Record<string, unknown>;
  }

  src(o: Record<string, unknown>, path: Path): string[] {
    const s = this.strList(o, 'src', path);
    if (s.length === 0 && this.strict) this.report([...path, 'src'], 'needs at least one source label (a footnote label from ## Sources)');
    return s;
  }

  fact(data: Record<string, unknown>, key: string, required = false): Fact | undefined {
    const o = this.obj(data[key], [key]);
    if (!o) {
      if (required) this.report([key], 'is required', this.strict ? 'error' : 'warning');
      return undefined;
    }
    const text = this.str(o, 'text', [key], true) ?? '';
    return { text, src: this.src(o, [key]) };
  }

  amounts(v: unknown, path: Path): Amount[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.report(path, 'must be a list');
      return [];
    }
    const out: Amount[] = [];
    v.forEach((item, i) => {
      const o = this.obj(item, [...path, i]);
      if (!o) return;
      const text = this.str(o, 'text', [...path, i], true);
      const year = this.year(o, [...path, i]);
      if (text) out.push({ text, year, src: this.src(o, [...path, i]) });
    });
    return out;
  }

  year(o: Record<string, unknown>, path: Path): number | undefined {
    const y = o.year;
    if (y === undefined || y === null) return undefined;
    if (typeof y !== 'number' || !Number.isInteger(y) || y < 1800 || y > 2100) {
      this.report([...path, 'year'], 'must be a year such as 2015');
      return undefined;
    }
    return y;
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'empty';
  return typeof v === 'object' ? 'a mapping' : `a ${typeof v}`;
}

function fieldName(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function parseHub(c: Checker, data: Record<string, unknown>): HubFacts {
  const principles: PrincipleRating[] = [];
  const rawP = data.principles;
  if (rawP !== undefined && !Array.isArray(rawP)) c.report(['principles'], 'must be a list of { id, rating, note, src }');
  const seen = new Set<string>();
  (Array.isArray(rawP) ? rawP : []).forEach((item, i) => {
    const o = c.obj(item, ['principles', i]);
    if (!o) return;
    const id = c.str(o, 'id', ['principles', i], true);
    const rating = c.str(o, 'rating', ['principles', i], true);
    const note = c.str(o, 'note', ['principles', i], true) ?? '';
    if (id && !(PRINCIPLE_IDS as readonly string[]).includes(id)) {
      c.report(['principles', i, 'id'], `unknown principle "${id}"; expected one of: ${PRINCIPLE_IDS.join(', ')}`);
      return;
    }
    if (rating && !(RATINGS as readonly string[]).includes(rating)) {
      c.report(['principles', i, 'rating'], `must be one of: ${RATINGS.join(', ')}`);
      return;
    }
    if (id && seen.has(id)) c.report(['principles', i, 'id'], `principle "${id}" is rated twice`);
    if (note.length > 200) c.report(['principles', i, 'note'], 'should be one line (at most 200 characters)', 'warning');
    if (id && rating) {
      seen.add(id);
      principles.push({ id, rating: rating as PrincipleRating['rating'], note, src: c.src(o, ['principles', i]) });
    }
  });
  if (c.strict && principles.length === 0) c.report(['principles'], 'rate at least one design principle');

  const founded = c.obj(data.founded, ['founded']);
  const sec = c.obj(data.secretariat, ['secretariat']);
  const gov = c.obj(data.governance, ['governance']);
  const issue = c.obj(data.issue_area, ['issue_area']);
  const fund = c.obj(data.funding, ['funding']);
  const sdgs: number[] = [];
  (Array.isArray(data.sdgs) ? data.sdgs : data.sdgs === undefined ? [] : [data.sdgs]).forEach((n, i) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 17) c.report(['sdgs', i], 'must be an SDG number from 1 to 17');
    else sdgs.push(n);
  });
  let seats: number | undefined;
  if (gov && gov.seats !== undefined) {
    if (typeof gov.seats === 'number' && Number.isInteger(gov.seats) && gov.seats > 0) seats = gov.seats;
    else c.report(['governance', 'seats'], 'must be a whole number');
  }
  const website = c.str(data, 'website', []);
  if (website && !/^https?:\/\//.test(website)) c.report(['website'], 'must start with https:// or http://');
  const category = issue ? c.str(issue, 'category', ['issue_area']) : undefined;
  if (category && !Object.hasOwn(ISSUE_CATEGORIES, category)) {
    c.report(['issue_area', 'category'], `"${category}" is not one of: ${Object.keys(ISSUE_CATEGORIES).join(', ')}`);
  }
  const lastReviewed = c.str(data, 'last_reviewed', [], true);
  if (lastReviewed && !/^\d{4}-\d{2}-\d{2}$/.test(lastReviewed)) c.report(['last_reviewed'], 'must be a date like 2026-11-28');

  return {
    short_name: c.str(data, 'short_name', [], true),
    aliases: c.strList(data, 'aliases', []),
    website,
    founded: founded
      ? { year: c.year(founded, ['founded']), text: c.str(founded, 'text', ['founded']), src: c.src(founded, ['founded']) }
      : undefined,
    launched_by: c.fact(data, 'launched_by'),
    legal_form: c.fact(data, 'legal_form'),
    host: c.fact(data, 'host'),
    secretariat: sec
      ? { location: c.str(sec, 'location', ['secretariat']), size: c.str(sec, 'size', ['secretariat']), src: c.src(sec, ['secretariat']) }
      : undefined,
    governance: gov
      ? { board: c.str(gov, 'board', ['governance']), seats, constituencies: c.strList(gov, 'constituencies', ['governance']), src: c.src(gov, ['governance']) }
      : undefined,
    issue_area: issue
      ? { category: category && Object.hasOwn(ISSUE_CATEGORIES, category) ? category : undefined, text: c.str(issue, 'text', ['issue_area'], true) ?? '', src: c.src(issue, ['issue_area']) }
      : undefined,
    sdgs,
    regions: c.strList(data, 'regions', [], REGIONS),
    actor_types: c.strList(data, 'actor_types', [], ACTOR_TYPES),
    funding: fund
      ? { model: c.str(fund, 'model', ['funding']), amounts: c.amounts(fund.amounts, ['funding', 'amounts']), src: fund.src === undefined ? [] : c.strList(fund, 'src', ['funding']) }
      : undefined,
    goal: c.fact(data, 'goal', true),
    results: c.amounts(data.results, ['results']),
    principles,
    last_reviewed: lastReviewed,
  };
}

/** Every `src:` label used in a hub's front matter, with its field path. */
function hubSrcLabels(h: HubFacts): { label: string; path: Path }[] {
  const out: { label: string; path: Path }[] = [];
  const add = (src: string[] | undefined, path: Path) => src?.forEach((label) => out.push({ label, path: [...path, 'src'] }));
  add(h.founded?.src, ['founded']);
  add(h.launched_by?.src, ['launched_by']);
  add(h.legal_form?.src, ['legal_form']);
  add(h.host?.src, ['host']);
  add(h.secretariat?.src, ['secretariat']);
  add(h.governance?.src, ['governance']);
  add(h.issue_area?.src, ['issue_area']);
  add(h.funding?.src, ['funding']);
  h.funding?.amounts.forEach((a, i) => add(a.src, ['funding', 'amounts', i]));
  add(h.goal?.src, ['goal']);
  h.results.forEach((a, i) => add(a.src, ['results', i]));
  h.principles.forEach((p, i) => add(p.src, ['principles', i]));
  return out;
}

function checkSections(problems: Problem[], file: string, doc: KnowledgeDoc, expected: readonly string[], exact: boolean): void {
  const h2 = doc.headings.filter((h) => h.level === 2);
  const names = h2.map((h) => h.text);
  let last = -1;
  for (const want of expected) {
    const at = names.indexOf(want);
    if (at < 0) {
      problems.push({ file, line: doc.bodyLine, field: 'sections', message: `missing section "## ${want}"`, severity: 'error', code: 'sections' });
    } else if (at < last) {
      problems.push({ file, line: h2[at].line, field: 'sections', message: `section "## ${want}" is out of order; expected: ${expected.join(' · ')}`, severity: 'error', code: 'sections' });
    } else {
      last = at;
    }
  }
  if (exact) {
    for (const h of h2) {
      if (!expected.includes(h.text)) {
        problems.push({ file, line: h.line, field: 'sections', message: `unexpected section "## ${h.text}"; hub case studies use: ${expected.join(' · ')}`, severity: 'error', code: 'sections' });
      }
    }
  }
}

/**
 * Parses one knowledge document. Never throws: every defect becomes a Problem with a file line.
 */
export function parseKnowledgeDoc(text: string, opts: ParseOptions): ParseResult {
  const problems: Problem[] = [];
  const file = opts.path;
  const strict = opts.strict ?? opts.origin === 'bundled';
  let fm: SplitResult;
  try {
    fm = splitFrontMatter(text);
  } catch (e) {
    const line = e instanceof FrontMatterError ? e.line : 1;
    problems.push({ file, line, field: 'front matter', message: e instanceof Error ? e.message : String(e), severity: 'error', code: 'front-matter' });
    return { problems };
  }
  const data = fm.data;
  const c = new Checker(problems, file, fm, strict);
  for (const w of fm.warnings) problems.push({ file, line: w.line, field: 'front matter', message: w.message, severity: 'warning', code: 'front-matter' });

  if (!fm.hasFrontMatter && strict) {
    problems.push({ file, line: 1, field: 'front matter', message: 'missing front matter (a --- block with id, kind, title)', severity: 'error', code: 'front-matter' });
  }
  const rawKind = c.str(data, 'kind', [], strict) ?? 'note';
  let kind: DocKind = 'note';
  if (isDocKind(rawKind)) kind = rawKind;
  else c.report(['kind'], `must be one of: ${DOC_KINDS.join(', ')}`);

  let id = c.str(data, 'id', [], strict) ?? opts.fallbackId ?? '';
  if (id && !ID.test(id)) {
    c.report(['id'], 'must be lower-case words joined by hyphens, e.g. "grow-asia"');
    id = slugify(id) || (opts.fallbackId ?? '');
  }
  if (!id) id = 'untitled';

  const scan = scanMarkdown(fm.body, fm.bodyLine);
  const firstHeading = scan.headings.find((h) => h.level === 1)?.text;
  const title = c.str(data, 'title', [], strict) ?? firstHeading ?? opts.fallbackId ?? id;
  const summary = c.str(data, 'summary', [], strict && kind !== 'note') ?? firstParagraph(scan.text, title);
  let order: number | undefined;
  if (data.order !== undefined) {
    if (typeof data.order === 'number') order = data.order;
    else c.report(['order'], 'must be a number');
  }
  const questions = c.strList(data, 'questions', []);
  const hub = kind === 'hub' ? parseHub(c, data) : undefined;

  const doc: KnowledgeDoc = {
    id,
    kind,
    origin: opts.origin,
    path: file,
    title,
    summary,
    order,
    questions,
    hub,
    body: fm.body,
    bodyLine: fm.bodyLine,
    headings: scan.headings,
    sources: scan.sources,
    links: scan.links,
    text: scan.text,
  };

  // Citations: footnotes are the single source of truth.
  const defined = new Map(scan.sources.map((s) => [s.label, s]));
  const dupes = new Set<string>();
  for (const s of scan.sources) {
    if (dupes.has(s.label)) problems.push({ file, line: s.line, field: 'sources', message: `footnote [^${s.label}] is defined twice`, severity: 'error', code: 'citation' });
    dupes.add(s.label);
    if (!s.url) problems.push({ file, line: s.line, field: 'sources', message: `footnote [^${s.label}] has no source URL (http:// or https://)`, severity: strict ? 'error' : 'warning', code: 'citation' });
  }
  for (const [label, lines] of scan.refs) {
    if (!defined.has(label)) {
      for (const line of lines) problems.push({ file, line, field: 'citation', message: `footnote [^${label}] has no definition under ## Sources`, severity: 'error', code: 'citation' });
    }
  }
  const fmLabels = hub ? hubSrcLabels(hub) : [];
  for (const { label, path } of fmLabels) {
    if (!defined.has(label)) c.report(path, `source "${label}" is not a footnote defined under ## Sources`);
  }
  const used = new Set([...scan.refs.keys(), ...fmLabels.map((l) => l.label)]);
  for (const s of scan.sources) {
    if (!used.has(s.label)) problems.push({ file, line: s.line, field: 'sources', message: `footnote [^${s.label}] is never cited`, severity: strict ? 'error' : 'warning', code: 'citation' });
  }

  if (strict) {
    if (kind === 'hub') {
      checkSections(problems, file, doc, HUB_SECTIONS, true);
      const urls = new Set(scan.sources.map((s) => s.url).filter(Boolean));
      if (urls.size < 8) problems.push({ file, line: fm.bodyLine, field: 'sources', message: `a hub needs at least 8 distinct sources; found ${urls.size}`, severity: 'error', code: 'citation' });
    } else if (kind === 'principle') {
      checkSections(problems, file, doc, PRINCIPLE_SECTIONS, false);
    } else if (kind === 'framework' && !doc.headings.some((h) => h.level === 2 && h.text === 'Sources')) {
      problems.push({ file, line: fm.bodyLine, field: 'sections', message: 'missing section "## Sources"', severity: 'error', code: 'sections' });
    }
  }
  return { doc, problems, lineOf: fm.lineOf };
}

function firstParagraph(text: string, title: string): string {
  const line = text.split('\n').find((l) => l.trim() && l.trim() !== title) ?? '';
  return line.length > 220 ? `${line.slice(0, 217)}…` : line;
}
