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
import { KINDS } from './core/kinds';
import { snippets } from './core/authoring';
import type { Problem } from './core/types';
import { toSearchDoc } from './search/doc';
import { Shard } from './search/lunr-index';
import { BUNDLE_FILE, INDEX_FILE, packBundle } from './store/bundle';
import { KnowledgeStore } from './store/knowledge-store';
import { NodeFs, displayPath, readMarkdownTree, toFileUri } from './platform/node-fs';

const USAGE = `Usage:
  impact-hubs search "<query>" [--json] [--limit N] [--knowledge DIR ...]
  impact-hubs check-knowledge [FILE ...]
  impact-hubs build-knowledge SRC_DIR OUT_DIR
  impact-hubs --help | --version

A query that starts with "-" must follow "--", e.g.  impact-hubs search -- "-sdg"
(everything after "--" is text, never an option).
Exit codes: 0 success, 1 problems found, 2 usage or I/O error.`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** Runs one command; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: Io = stdio, distDir = __dirname): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'search':
        return await search(rest, io, distDir);
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

/**
 * Text for a terminal: control characters (escape sequences that could retitle or recolour the
 * terminal) are shown as visible escapes, never sent raw.
 */
export function terminalText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The bundled knowledge base from dist/ (the same files the extension reads). */
function bundleSource(distDir: string) {
  return async () => {
    const read = (name: string) => {
      const file = path.join(distDir, name);
      if (!fs.existsSync(file)) throw new Error(`${file} not found; run "npm run build" first`);
      return fs.promises.readFile(file, 'utf8');
    };
    const [knowledge, index] = await Promise.all([read(BUNDLE_FILE), read(INDEX_FILE)]);
    return { knowledge, index };
  };
}

/**
 * The knowledge store the extension uses, on Node's file system: the bundle plus the given
 * folders, loaded, indexed and checked by the same code. Problems are reported, never fatal.
 */
export async function openStore(distDir: string, folders: string[], onProblem: (p: Problem) => void): Promise<KnowledgeStore> {
  const store = new KnowledgeStore({ fs: new NodeFs(), bundle: bundleSource(distDir), yieldNow: async () => undefined });
  await store.ready();
  const existing: string[] = [];
  for (const dir of folders) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) onProblem({ file: toFileUri(dir), line: 0, message: 'knowledge folder not found', severity: 'warning' });
    else existing.push(toFileUri(dir));
  }
  store.setFolders(existing);
  await store.indexOwn();
  for (const s of store.skipped) onProblem({ file: s.uri, line: 0, message: `skipped: ${s.reason}`, severity: 'warning' });
  for (const uri of store.problemUris().sort()) store.problems(uri).forEach(onProblem);
  return store;
}

const showProblem = (p: Problem) => formatProblem({ ...p, file: displayPath(p.file) });

async function search(args: string[], io: Io, distDir: string): Promise<number> {
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
  const store = await openStore(distDir, values.knowledge ?? [], (p) => io.err(terminalText(showProblem(p))));
  const results = store.engine.search(query, { limit });
  store.dispose();
  if (values.json) {
    io.out(JSON.stringify(results.map((r) => ({ id: r.id, kind: r.kind, title: r.title, score: Number(r.score.toFixed(4)), ...(r.origin === 'workspace' ? { path: displayPath(r.path) } : {}) })), null, 2));
    return 0;
  }
  if (results.length === 0) {
    io.out(terminalText(`No results for "${query}".`));
    return 0;
  }
  results.forEach((r, i) => {
    io.out(terminalText(`${String(i + 1).padStart(2)}. ${r.title}  [${KINDS[r.kind].label}: ${r.id}]  ${r.score.toFixed(2)}`));
    if (r.snippet) io.out(terminalText(`    ${r.snippet}`));
  });
  return 0;
}

function checkKnowledge(files: string[], io: Io, distDir: string): number {
  const root = path.resolve(distDir, '..', 'knowledge');
  // Cross-document checks need the whole tree; only the named files' problems are shown.
  const sources: SourceFile[] = readMarkdownTree(root);
  const wanted = new Set(files.map((f) => path.relative(root, path.resolve(f)).split(path.sep).join('/')));
  const { problems } = compileKnowledge(sources);
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
  const { bundle, problems } = compileKnowledge(files);
  for (const p of problems) io.err(formatProblem(p, src));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    io.err(`knowledge: ${errors.length} error(s); the build stops.`);
    return 1;
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, BUNDLE_FILE), JSON.stringify(packBundle(bundle, files)));
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
  // A closed pipe (`impact-hubs search x | head -1`) ends the program quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
