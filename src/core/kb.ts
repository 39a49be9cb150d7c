import { auditDoc, EMPTY_POLICY, type AuditPending, type CitationPolicy } from './kb-audit';
import { parseKnowledgeDoc } from './knowledge';
import { KINDS, RATING_INFO, kindOfFolder } from './kinds';
import { FRAMEWORK_IDS, HUB_IDS, PRINCIPLE_IDS } from './vocab';
import type { DocKind, KnowledgeDoc, Problem, Rating } from './types';

/** A file to load: its text and the path relative to the knowledge root (e.g. `hubs/gavi.md`). */
export interface SourceFile {
  path: string;
  text: string;
}

export interface PrincipleHub {
  hubId: string;
  hubTitle: string;
  rating: Rating;
  note: string;
}

/** The compiled knowledge base: what `dist/knowledge.json` holds. */
export interface KnowledgeBundle {
  version: 1;
  builtAt: string;
  docs: KnowledgeDoc[];
  /** principle id → hubs rated against it (computed from the hubs' front matter). */
  principleHubs: Record<string, PrincipleHub[]>;
  /** Each document's Markdown file by path (`hubs/gavi.md`), for Open Markdown Source (shipped bundles). */
  files?: Record<string, string>;
}


export function docKey(kind: DocKind, id: string): string {
  return `${kind}:${id}`;
}

/** Resolves a relative Markdown link such as `../hubs/gavi.md#goal` against a doc path. */
export function resolveDocLink(fromPath: string, target: string): { path: string; anchor?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return undefined;
  const [file, anchor] = target.split('#', 2);
  if (!file.toLowerCase().endsWith('.md')) return undefined;
  const base = fromPath.split('/').slice(0, -1);
  for (const part of file.split('/')) {
    if (part === '..') base.pop();
    else if (part !== '.' && part !== '') base.push(part);
  }
  return { path: base.join('/'), anchor: anchor || undefined };
}

export function computePrincipleHubs(docs: KnowledgeDoc[]): Record<string, PrincipleHub[]> {
  const out: Record<string, PrincipleHub[]> = {};
  for (const d of docs) {
    if (d.kind !== 'hub' || !d.hub) continue;
    for (const p of d.hub.principles) {
      (out[p.id] ??= []).push({ hubId: d.id, hubTitle: d.hub.short_name ?? d.title, rating: p.rating, note: p.note });
    }
  }
  for (const list of Object.values(out)) {
    list.sort((a, b) => RATING_INFO[a.rating].order - RATING_INFO[b.rating].order || a.hubTitle.localeCompare(b.hubTitle));
  }
  return out;
}

export interface CompileOptions {
  now?: Date;
  /** knowledge/audit-pending.json: files whose audit (kb/*) errors are reported as warnings for now. */
  pending?: AuditPending;
}

export interface CompileResult {
  bundle: KnowledgeBundle;
  problems: Problem[];
}

/**
 * Parses and cross-checks the bundled knowledge base. Problems with severity `error` must fail
 * the build; the bundle still contains every document that parsed. `policy` is
 * knowledge/citation-policy.json (blocked and mirror hosts); without it the host checks find nothing.
 */
export function compileKnowledge(files: SourceFile[], policy: CitationPolicy = EMPTY_POLICY, opts: CompileOptions = {}): CompileResult {
  const now = opts.now ?? new Date();
  const pending = opts.pending ?? {};
  const problems: Problem[] = [];
  const docs: KnowledgeDoc[] = [];
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const folder = f.path.split('/')[0];
    const expectedKind = kindOfFolder(folder);
    if (!expectedKind) continue;
    const r = parseKnowledgeDoc(f.text, { path: f.path, origin: 'bundled', strict: true });
    problems.push(...r.problems);
    if (!r.doc) continue;
    const fileId = f.path.split('/').pop()!.replace(/\.md$/, '');
    if (r.doc.kind !== expectedKind) {
      problems.push({ file: f.path, line: 2, field: 'kind', message: `documents in ${folder}/ must have kind: ${expectedKind}`, severity: 'error', code: 'schema' });
    }
    if (r.doc.id !== fileId) {
      problems.push({ file: f.path, line: 2, field: 'id', message: `id "${r.doc.id}" must match the file name "${fileId}"`, severity: 'error', code: 'schema' });
    }
    problems.push(...auditDoc(r.doc, { policy, lineOf: r.lineOf }, pending));
    docs.push(r.doc);
  }
  for (const file of Object.keys(pending)) {
    const still = problems.some((p) => p.file === file && p.code?.startsWith('kb/'));
    if (!still) problems.push({ file, line: 0, field: 'audit-pending', message: 'has no audit problems any more (or does not exist); remove it from audit-pending.json', severity: 'warning', code: 'kb/pending-stale' });
  }
  problems.push(...checkLinks(docs));
  problems.push(...checkCoverage(docs));
  return {
    bundle: { version: 1, builtAt: now.toISOString(), docs, principleHubs: computePrincipleHubs(docs) },
    problems,
  };
}

export function checkLinks(docs: KnowledgeDoc[]): Problem[] {
  const problems: Problem[] = [];
  const byPath = new Map(docs.map((d) => [d.path, d]));
  for (const d of docs) {
    for (const link of d.links) {
      const r = resolveDocLink(d.path, link.target);
      if (!r) continue;
      const target = byPath.get(r.path);
      if (!target) {
        problems.push({ file: d.path, line: link.line, field: 'link', message: `link to "${link.target}" does not resolve to a knowledge document`, severity: 'error', code: 'link' });
      } else if (r.anchor && !target.headings.some((h) => h.slug === r.anchor)) {
        problems.push({ file: d.path, line: link.line, field: 'link', message: `link "${link.target}": no heading "#${r.anchor}" in ${target.path}`, severity: 'error', code: 'link' });
      }
    }
  }
  return problems;
}

function checkCoverage(docs: KnowledgeDoc[]): Problem[] {
  const problems: Problem[] = [];
  const have = new Set(docs.map((d) => docKey(d.kind, d.id)));
  const want: [DocKind, readonly string[]][] = [
    ['hub', HUB_IDS],
    ['principle', PRINCIPLE_IDS],
    ['framework', FRAMEWORK_IDS],
  ];
  for (const [kind, ids] of want) {
    const folder = KINDS[kind].folder;
    for (const id of ids) {
      if (!have.has(docKey(kind, id))) {
        problems.push({ file: `${folder}/${id}.md`, line: 0, field: 'coverage', message: `missing ${kind} document "${id}"`, severity: 'error', code: 'coverage' });
      }
    }
  }
  return problems;
}

export function formatProblem(p: Problem, root = ''): string {
  const file = root ? `${root.replace(/\/$/, '')}/${p.file}` : p.file;
  return `${file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}${p.severity === 'error' ? '' : ` (${p.severity})`}`;
}
