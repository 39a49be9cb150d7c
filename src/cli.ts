#!/usr/bin/env node
/**
 * impact-hubs — the same core as the extension, from a terminal or CI.
 *   impact-hubs search "<query>" [--json] [--limit N] [--knowledge DIR ...]
 *   impact-hubs check-knowledge [FILE ...]          validate knowledge documents
 *   impact-hubs build-knowledge SRC_DIR OUT_DIR     compile knowledge/ into dist/ (used by the build)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compileKnowledge, formatProblem, type SourceFile } from './core/kb';
import { BUNDLE_FILE, INDEX_FILE, readIndex } from './core/bundle-io';
import { parseKnowledgeDoc } from './core/knowledge';
import { SearchEngine, Shard, toSearchDoc } from './search/engine';
import { readAuditPending, readCitationPolicy, readMarkdownTree } from './node-fs';
import { KIND_LABELS } from './core/vocab';
import { snippets } from './core/authoring';
import type { Problem } from './core/types';

const USAGE = `Usage:
  impact-hubs search "<query>" [--json] [--limit N] [--knowledge DIR ...]
  impact-hubs check-knowledge [FILE ...]
  impact-hubs build-knowledge SRC_DIR OUT_DIR
  impact-hubs --help | --version`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export function main(argv: string[], io: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }, distDir = __dirname): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'search':
        return search(rest, io, distDir);
      case 'check-knowledge':
        return checkKnowledge(rest, io, distDir);
      case 'build-knowledge':
        return buildKnowledge(rest, io);
      case 'build-snippets':
        return buildSnippets(rest, io);
      case '--version':
      case '-v':
        io.out(readVersion(distDir));
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`impact-hubs: unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    io.err(`impact-hubs: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

function readVersion(distDir: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function loadBundledShard(distDir: string): Shard {
  const file = path.join(distDir, INDEX_FILE);
  if (!fs.existsSync(file)) throw new Error(`${file} not found; run "npm run build" first`);
  return readIndex(fs.readFileSync(file, 'utf8'));
}

/** Parses user knowledge folders into a shard; problems are reported, never fatal. */
export function loadFolders(dirs: string[], onProblem: (p: Problem) => void): Shard | undefined {
  const docs = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      onProblem({ file: dir, line: 0, message: 'knowledge folder not found', severity: 'warning' });
      continue;
    }
    for (const f of readMarkdownTree(dir)) {
      const full = path.join(dir, f.path);
      const r = parseKnowledgeDoc(f.text, { path: full, origin: 'workspace', fallbackId: path.basename(f.path, '.md') });
      r.problems.forEach(onProblem);
      if (r.doc) docs.push(toSearchDoc(r.doc));
    }
  }
  return docs.length ? Shard.build(docs) : undefined;
}

function search(args: string[], io: Io, distDir: string): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, limit: { type: 'string' }, knowledge: { type: 'string', multiple: true } },
  });
  const query = positionals.join(' ');
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    io.err('impact-hubs: --limit must be a whole number of at least 1');
    return 2;
  }
  const shards = [loadBundledShard(distDir)];
  const own = loadFolders(values.knowledge ?? [], (p) => io.err(formatProblem(p)));
  if (own) shards.push(own);
  const results = new SearchEngine(shards).search(query, { limit });
  if (values.json) {
    io.out(JSON.stringify(results.map((r) => ({ id: r.id, kind: r.kind, title: r.title, score: Number(r.score.toFixed(4)), ...(r.origin === 'workspace' ? { path: r.path } : {}) })), null, 2));
    return 0;
  }
  if (results.length === 0) {
    io.out(`No results for "${query}".`);
    return 0;
  }
  results.forEach((r, i) => {
    io.out(`${String(i + 1).padStart(2)}. ${r.title}  [${KIND_LABELS[r.kind]}: ${r.id}]  ${r.score.toFixed(2)}`);
    if (r.snippet) io.out(`    ${r.snippet}`);
  });
  return 0;
}

function checkKnowledge(files: string[], io: Io, distDir: string): number {
  const root = path.resolve(distDir, '..', 'knowledge');
  // Cross-document checks need the whole tree; only the named files' problems are shown.
  const sources: SourceFile[] = readMarkdownTree(root);
  const wanted = new Set(files.map((f) => path.relative(root, path.resolve(f)).split(path.sep).join('/')));
  const { problems } = compileKnowledge(sources, readCitationPolicy(root), { pending: readAuditPending(root) });
  const shown = problems.filter((p) => wanted.size === 0 || wanted.has(p.file));
  for (const p of shown) io.err(formatProblem(p, path.relative(process.cwd(), root) || '.'));
  const errors = shown.filter((p) => p.severity === 'error').length;
  io.out(errors ? `${errors} error(s) in the knowledge base.` : `knowledge base OK (${sources.length} documents checked).`);
  return errors ? 1 : 0;
}

function buildKnowledge(args: string[], io: Io): number {
  const [src, out] = args;
  if (!src || !out) {
    io.err(USAGE);
    return 2;
  }
  const started = Date.now();
  const files = readMarkdownTree(src);
  const { bundle, problems } = compileKnowledge(files, readCitationPolicy(src), { pending: readAuditPending(src) });
  for (const p of problems) io.err(formatProblem(p, src));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    io.err(`knowledge: ${errors.length} error(s); the build stops.`);
    return 1;
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, BUNDLE_FILE), JSON.stringify(bundle));
  const shard = Shard.build(bundle.docs.map(toSearchDoc));
  fs.writeFileSync(path.join(out, INDEX_FILE), JSON.stringify(shard.toJSON()));
  io.out(`knowledge: ${bundle.docs.length} documents compiled and indexed in ${Date.now() - started} ms`);
  return 0;
}

function buildSnippets(args: string[], io: Io): number {
  const [out] = args;
  if (!out) {
    io.err('usage: impact-hubs build-snippets OUT_FILE');
    return 2;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const all = snippets();
  fs.writeFileSync(out, JSON.stringify(all, null, 2));
  io.out(`snippets: ${Object.keys(all).length} Markdown snippets written`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
