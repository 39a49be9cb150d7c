#!/usr/bin/env node
/**
 * impact-hubs — the same core as the extension, from a terminal or CI.
 *   impact-hubs search "<query>" [--json] [--limit N] [--knowledge DIR ...]
 *   impact-hubs check <files|globs…> [--type …] [--format text|json|sarif|github] [--config FILE]
 *   impact-hubs check-knowledge [FILE ...]          validate knowledge documents
 *   impact-hubs build-knowledge SRC_DIR OUT_DIR     compile knowledge/ into dist/ (used by the build)
 *   impact-hubs export FILE.md --format docx|html|pdf [-o OUT]   Word, HTML or PDF with citations
 *   impact-hubs diagram FILE.md [--format svg|png|mermaid] [--view grid|network] [-o OUT]
 *                                   draw a theory of change, or a landscape map's grid or network
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compileKnowledge, formatProblem, type SourceFile } from './core/kb';
import { KINDS } from './core/kinds';
import type { Problem } from './core/types';
import { toSearchDoc } from './search/doc';
import { Shard } from './search/lunr-index';
import { BUNDLE_FILE, INDEX_FILE, packBundle, readBundle } from './store/bundle';
import { KnowledgeStore } from './store/knowledge-store';
import { NodeFs, displayPath, readAuditPending, readCitationPolicy, readMarkdownTree, toFileUri } from './platform/node-fs';
import { expandGlob } from './platform/glob';
import { splitFrontMatter } from './core/frontmatter';
import { RULES } from './checks/rules';
import { checkDocument, isSeverityOrOff, MAX_CHECK_BYTES } from './checks/runner';
import { formatGithub, formatJson, formatSarif, formatText, type FileResult } from './checks/report';
import { loadLinked } from './checks/linked';
import { rulesMarkdown } from './checks/docs';
import { CHECKED_TYPES, type CheckedType, type SeverityOrOff } from './checks/types';
import { ChromiumPdf, findBrowser } from './platform/chromium-pdf';
import { ExportError, FORMATS, PDF_UNAVAILABLE, isExportFormat, prepareExport, renderExport, reportLines, storeResolver, summary, type ExportFormat } from './export';
import { parseTheoryOfChange } from './documents/toc';
import { toMermaid } from './diagram/mermaid';
import { standaloneSvg } from './diagram/svg';
import { detectDocType } from './core/authoring';
import { parseLandscape } from './documents/landscape';
import { mapSummary, standaloneMapSvg } from './diagram/landscape-svg';
import { pngRenderer } from './platform/png';

const USAGE = `Usage:
  impact-hubs search "<query>" [--json] [--limit N] [--knowledge DIR ...]
  impact-hubs check <files|globs...> [--type auto|hub-charter|theory-of-change|landscape-map]
                     [--format text|json|sarif|github] [--config FILE] [--today YYYY-MM-DD]
  impact-hubs check-knowledge [FILE ...]
  impact-hubs build-knowledge SRC_DIR OUT_DIR
  impact-hubs export FILE.md [--format docx|html|pdf] [-o OUT] [--force] [--strict] [--knowledge DIR ...]
  impact-hubs diagram FILE.md [--format svg|png|mermaid] [--view grid|network] [-o OUT]
  impact-hubs --help | --version

diagram draws a theory of change (goal, outcomes, interventions, indicators, assumptions) as a
standalone SVG (default), a PNG or Mermaid flowchart text; without -o, SVG and Mermaid go to
standard output and PNG needs -o. Problems in the notation are listed on standard error.
For a landscape map (type: landscape-map) it draws the power–interest grid (--view grid, the
default) or the ecosystem network (--view network), as SVG or PNG.

A query that starts with "-" must follow "--", e.g.  impact-hubs search -- "-sdg"
(everything after "--" is text, never an option).
check --config FILE reads JSON: { "rules": { "charter/goal-measurable": "error", "charter/vague-verb": "off" } }.
export: the format defaults to the extension of -o, else docx; OUT defaults to FILE with the
format's extension. An existing OUT is replaced only with --force. Template prompts and unknown
references are reported; --strict makes them fail the export. PDF needs Chrome, Chromium or
Edge (found where installed, or named by the environment variable IMPACT_HUBS_BROWSER).
Exit codes: 0 success, 1 problems found (check: an error-severity finding; export: it failed),
2 usage or I/O error.`;

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
      case 'check':
        return await check(rest, io);
      case 'check-knowledge':
        return checkKnowledge(rest, io, distDir);
      case 'build-knowledge':
        return buildKnowledge(rest, io);
      case 'build-rules-doc':
        return buildRulesDoc(rest, io, distDir);
      case 'export':
        return await exportCommand(rest, io, distDir);
      case 'diagram':
        return await diagram(rest, io);
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

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { type: { type: 'string', default: 'auto' }, format: { type: 'string', default: 'text' }, config: { type: 'string' }, today: { type: 'string' } },
  });
  const format = values.format!;
  if (!['text', 'json', 'sarif', 'github'].includes(format)) {
    io.err(`impact-hubs: --format must be text, json, sarif or github (got "${format}")`);
    return 2;
  }
  const type = values.type === 'auto' ? undefined : (values.type as CheckedType);
  if (type && !(CHECKED_TYPES as readonly string[]).includes(type)) {
    io.err(`impact-hubs: --type must be auto, ${CHECKED_TYPES.join(', ')}`);
    return 2;
  }
  if (values.today && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    io.err('impact-hubs: --today must be a date such as 2026-11-29');
    return 2;
  }
  const rules: Record<string, SeverityOrOff> = {};
  if (values.config) {
    try {
      const cfg = JSON.parse(fs.readFileSync(values.config, 'utf8')) as { rules?: Record<string, unknown> };
      for (const [id, sev] of Object.entries(cfg.rules ?? {})) {
        if (!isSeverityOrOff(sev)) throw new Error(`rule "${id}": severity must be off, info, warning or error`);
        if (!RULES.some((r) => r.id === id)) throw new Error(`unknown rule "${id}"`);
        rules[id] = sev;
      }
    } catch (e) {
      io.err(`impact-hubs: cannot use the config ${values.config}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  if (!positionals.length) {
    io.err('impact-hubs: name the files to check, e.g. impact-hubs check "docs/**/*.md"');
    return 2;
  }
  const files: string[] = [];
  for (const p of positionals) {
    const found = expandGlob(p);
    if (!found.length) {
      io.err(`impact-hubs: no file matches "${p}"`);
      return 2;
    }
    files.push(...found.filter((f) => !files.includes(f)));
  }
  const results: FileResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      const stat = fs.statSync(file);
      if (stat.size > MAX_CHECK_BYTES) {
        results.push({ file, elements: [], findings: [], skipped: `larger than ${MAX_CHECK_BYTES / 1e6} MB` });
        continue;
      }
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      io.err(`impact-hubs: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    let data: Record<string, unknown> = {};
    try {
      data = splitFrontMatter(text).data;
    } catch {
      // The check reports broken front matter itself.
    }
    const linked = await loadLinked(data, async (rel) => fs.promises.readFile(path.resolve(path.dirname(file), rel), 'utf8'));
    results.push({ file, ...checkDocument(text, { type, rules, linked, today: values.today }) });
  }
  if (format === 'json') io.out(formatJson(results));
  else if (format === 'sarif') io.out(formatSarif(results, readVersion(__dirname)));
  else if (format === 'github') formatGithub(results).forEach((l) => io.out(l));
  else formatText(results, terminalText).forEach((l) => io.out(l));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
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
  fs.writeFileSync(path.join(out, BUNDLE_FILE), JSON.stringify(packBundle(bundle, files)));
  const shard = Shard.build(bundle.docs.map(toSearchDoc));
  fs.writeFileSync(path.join(out, INDEX_FILE), JSON.stringify(shard.toJSON()));
  io.out(`knowledge: ${bundle.docs.length} documents compiled and indexed in ${Date.now() - started} ms`);
  return 0;
}

function buildRulesDoc(args: string[], io: Io, distDir: string): number {
  const [out] = args;
  if (!out) {
    io.err('usage: impact-hubs build-rules-doc OUT_FILE');
    return 2;
  }
  const bundle = readBundle(fs.readFileSync(path.join(distDir, BUNDLE_FILE), 'utf8'));
  fs.writeFileSync(out, rulesMarkdown(bundle.docs) + '\n');
  io.out(`rules: documentation of ${RULES.length} rules written to ${out}`);
  return 0;
}

async function exportCommand(args: string[], io: Io, distDir: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
      strict: { type: 'boolean' },
      knowledge: { type: 'string', multiple: true },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length) {
    io.err(`impact-hubs: export takes one Markdown file\n${USAGE}`);
    return 2;
  }
  const fromOut = values.output ? path.extname(values.output).slice(1).toLowerCase() : '';
  const format = values.format ?? (isExportFormat(fromOut) ? fromOut : 'docx');
  if (!isExportFormat(format)) {
    io.err(`impact-hubs: --format must be docx, html or pdf, not "${terminalText(format)}"`);
    return 2;
  }
  const out = values.output ?? file.replace(/\.(md|markdown)$/i, '') + `.${FORMATS[format as ExportFormat].ext}`;
  if (path.resolve(out) === path.resolve(file)) {
    io.err('impact-hubs: the output would replace the Markdown file itself; choose another -o');
    return 2;
  }
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    io.err(`impact-hubs: cannot read ${terminalText(file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  if (fs.existsSync(out) && !values.force) {
    io.err(`impact-hubs: ${terminalText(out)} already exists; it was left unchanged (use --force to replace it)`);
    return 2;
  }
  const store = await openStore(distDir, values.knowledge ?? [], (p) => io.err(terminalText(showProblem(p))));
  try {
    const doc = prepareExport(text, { resolve: storeResolver(store, displayPath), today: new Date().toISOString().slice(0, 10), fileName: path.basename(file), rasterise: format === 'docx' ? pngRenderer().render : undefined });
    const where = (line: number) => `${file}:${line}`;
    for (const p of doc.report.placeholders) io.err(terminalText(`${where(p.line)}: template ${p.kind === 'prompt' ? 'prompt' : 'snippet placeholder'} in "${p.section || 'the introduction'}": ${p.text}`));
    for (const u of doc.report.unknownRefs) io.err(terminalText(`${where(u.line)}: unknown reference ${u.ref}, left as text`));
    for (const l of reportLines(doc.report)) io.err(terminalText(`impact-hubs: ${l}`));
    if (values.strict && (doc.report.placeholders.length || doc.report.unknownRefs.length)) {
      io.err('impact-hubs: --strict: nothing was written');
      return 1;
    }
    let pdf: ChromiumPdf | undefined;
    if (format === 'pdf') {
      const browser = findBrowser();
      if (!browser) {
        io.err(`impact-hubs: ${PDF_UNAVAILABLE}`);
        return 1;
      }
      pdf = new ChromiumPdf(browser);
    }
    const bytes = await renderExport(doc, format, pdf);
    try {
      await fs.promises.writeFile(out, bytes, { flag: values.force ? 'w' : 'wx' });
    } catch (e) {
      io.err(`impact-hubs: cannot write ${terminalText(out)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return 2;
    }
    const s = summary(doc);
    io.out(terminalText(`wrote ${out} (${FORMATS[format].label}, ${(bytes.length / 1024).toFixed(0)} KB${s ? `; ${s}` : ''})`));
    return 0;
  } catch (e) {
    if (e instanceof ExportError) {
      io.err(terminalText(`${file}${e.line ? `:${e.line}` : ''}: ${e.message}`));
      return 1;
    }
    io.err(terminalText(`impact-hubs: export failed: ${e instanceof Error ? e.message : String(e)}`));
    return 1;
  } finally {
    store.dispose();
  }
}

async function diagram(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, view: { type: 'string' } } });
  } catch (e) {
    io.err(`impact-hubs diagram: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  const out = values.output;
  const format = values.format ?? (out?.toLowerCase().endsWith('.png') ? 'png' : out && /\.(mmd|mermaid)$/i.test(out) ? 'mermaid' : 'svg');
  if (!file || extra.length) {
    io.err(`impact-hubs diagram: give exactly one theory-of-change or landscape-map file\n${USAGE}`);
    return 2;
  }
  if (format !== 'svg' && format !== 'png' && format !== 'mermaid') {
    io.err(`impact-hubs diagram: --format must be svg, png or mermaid (got "${terminalText(format)}")`);
    return 2;
  }
  if (values.view !== undefined && values.view !== 'grid' && values.view !== 'network') {
    io.err(`impact-hubs diagram: --view must be grid or network (got "${terminalText(values.view)}")`);
    return 2;
  }
  if (format === 'png' && !out) {
    io.err('impact-hubs diagram: PNG is binary; give an output file with -o FILE.png');
    return 2;
  }
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    io.err(`impact-hubs diagram: cannot read ${terminalText(file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  const isMap = detectDocType(text) === 'landscape-map';
  if (!isMap && values.view !== undefined) {
    io.err('impact-hubs diagram: --view is for landscape maps (type: landscape-map); a theory of change has one diagram');
    return 2;
  }
  if (isMap && format === 'mermaid') {
    io.err('impact-hubs diagram: a landscape map is drawn as SVG or PNG (Mermaid is for theories of change)');
    return 2;
  }
  let svg: string | undefined;
  let bytes: Uint8Array | string;
  let what: string;
  if (isMap) {
    const map = parseLandscape(text);
    for (const p of map.problems) io.err(terminalText(`${file}:${p.line + 1}: ${p.message} [${p.code}]`));
    const view = values.view === 'network' ? 'network' : 'grid';
    svg = standaloneMapSvg(map, view, { problemLines: map.problems.map((p) => p.line) });
    bytes = svg;
    what = `${view === 'grid' ? 'power–interest grid' : 'ecosystem network'}, ${mapSummary(map)}${map.problems.length ? `, ${map.problems.length} problem(s) listed above` : ''}`;
  } else {
    const graph = parseTheoryOfChange(text);
    for (const p of graph.problems) io.err(terminalText(`${file}:${p.line + 1}: ${p.message} [${p.code}]`));
    const problemLines = graph.problems.map((p) => p.line);
    if (format === 'mermaid') bytes = toMermaid(graph, { problemLines, fenced: !!out && out.toLowerCase().endsWith('.md') });
    else bytes = svg = standaloneSvg(graph, { problemLines });
    what = `${graph.nodes.length} boxes, ${graph.edges.length} arrows${graph.problems.length ? `, ${graph.problems.length} problem(s) listed above` : ''}`;
  }
  if (format === 'png' && svg !== undefined) {
    const png = pngRenderer();
    if (!png.render) {
      io.err(`impact-hubs diagram: ${png.reason}`);
      return 2;
    }
    bytes = png.render(svg);
  }
  if (!out) {
    io.out(String(bytes).replace(/\n$/, ''));
    return 0;
  }
  try {
    await fs.promises.writeFile(out, bytes);
  } catch (e) {
    io.err(`impact-hubs diagram: cannot write ${terminalText(out)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  io.out(terminalText(`${out}: ${what}`));
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
