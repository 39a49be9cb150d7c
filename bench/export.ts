/**
 * Export benchmark: a 700-line charter to Word (.docx), median of repeated runs, beside pandoc's
 * time for the same Markdown → DOCX in the same run (where pandoc is installed; skipped otherwise).
 * Then a check against pandoc's output: ours keeps every footnote pandoc keeps, and resolves the
 * `[[…]]` references that pandoc leaves as text. Throws when a check fails.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { compileKnowledge } from '../src/core/kb';
import { citedDoc, prepareExport, renderExport, type RefResolver } from '../src/export';
import { readMarkdownTree } from '../src/platform/node-fs';
import { longCharter } from '../test/fixtures/long-charter';

const ROOT = path.join(__dirname, '..');
const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

/** pandoc makes quotes typographic; compare the words, not the quote marks. */
function plainQuotes(s: string): string {
  return s.replace(/[\u2018\u2019]|&apos;|&#39;/g, "'").replace(/[\u201c\u201d]|&quot;/g, '"').replace(/\s+/g, ' ');
}

/** Footnote ids > 0 in a .docx (ids −1 and 0 are Word's separators). */
function footnoteTexts(docx: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(docx)['word/footnotes.xml'] ?? new Uint8Array());
  return [...xml.matchAll(/<w:footnote\b[^>]*w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)]
    .filter((m) => Number(m[1]) > 0)
    .map((m) => plainQuotes([...m[2].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).trim());
}

function bodyText(docx: Uint8Array): string {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']);
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
}

export async function runExportBench(): Promise<void> {
  const { bundle } = compileKnowledge(readMarkdownTree(path.join(ROOT, 'knowledge')));
  const byKey = new Map(bundle.docs.map((d) => [`${d.kind}:${d.id}`, d]));
  const resolve: RefResolver = (kind, id) => {
    const d = byKey.get(`${kind}:${id}`);
    return d ? citedDoc(d, bundle.builtAt.slice(0, 4)) : undefined;
  };
  const charter = longCharter(700);
  const lines = charter.text.split('\n').length;
  const run = async () => renderExport(prepareExport(charter.text, { resolve, today: '2026-11-29' }), 'docx');
  for (let i = 0; i < 3; i++) await run(); // warm up
  const times: number[] = [];
  let ours: Uint8Array = new Uint8Array();
  for (let i = 0; i < 15; i++) {
    const t = now();
    ours = await run();
    times.push(now() - t);
  }
  const prep: number[] = [];
  const html: number[] = [];
  for (let i = 0; i < 10; i++) {
    let t = now();
    const doc = prepareExport(charter.text, { resolve, today: '2026-11-29' });
    prep.push(now() - t);
    t = now();
    await renderExport(doc, 'html');
    html.push(now() - t);
  }
  const oursMs = median(times);
  console.log(`\nExport: a ${lines}-line charter (${charter.refs} [[…]] references, ${charter.footnotes} footnotes, tables, lists) → Word`);
  console.log(`  ours (Markdown → model → .docx)  median ${ms(oursMs)}  (parse and resolve ${ms(median(prep))}; HTML instead of Word ${ms(median(html))})   target ≤ 300 ms: ${oursMs <= 300 ? 'met' : 'MISSED'}   ${(ours.length / 1024).toFixed(0)} KB`);

  const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    console.log('  pandoc                           not installed: comparison skipped (apt-get install pandoc)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-bench-'));
  try {
    const input = path.join(dir, 'charter.md');
    const output = path.join(dir, 'pandoc.docx');
    fs.writeFileSync(input, charter.text);
    const pandocTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = now();
      const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', output, input]);
      pandocTimes.push(now() - t);
      if (r.status !== 0) throw new Error(`pandoc failed: ${String(r.stderr)}`);
    }
    const pandoc = new Uint8Array(fs.readFileSync(output));
    const p = median(pandocTimes);
    console.log(`  ${version.stdout.split('\n')[0].padEnd(32)} median ${ms(p)} (a process per run, as a writer would run it)   ratio ours/pandoc ${(oursMs / p).toFixed(2)}`);

    // What pandoc keeps, ours keeps: every footnote's text; and ours resolves what pandoc cannot.
    const theirs = footnoteTexts(pandoc);
    const mine = footnoteTexts(ours);
    const missing = theirs.filter((t) => !mine.some((m) => m.includes(t.slice(0, 60))));
    const pandocLiteral = (bodyText(pandoc).match(/\[\[(?:hub|principle|framework):/g) ?? []).length;
    const oursLiteral = (bodyText(ours).match(/\[\[(?:hub|principle|framework):/g) ?? []).length;
    const citations = mine.filter((t) => t.includes('Impact Hubs knowledge base')).length;
    console.log(`  footnotes                        pandoc ${theirs.length}, ours ${mine.length} (${mine.length - citations} the author's + ${citations} citing the knowledge base); pandoc's missing from ours: ${missing.length}`);
    console.log(`  [[…]] references                 pandoc leaves ${pandocLiteral} as literal text; ours leaves ${oursLiteral} and cites ${charter.refs} with a footnote`);
    if (missing.length) throw new Error(`footnotes pandoc keeps but ours lost: ${missing.slice(0, 3).join(' | ')}`);
    if (theirs.length !== charter.footnotes) throw new Error(`pandoc kept ${theirs.length} of ${charter.footnotes} footnotes (the fixture changed?)`);
    if (oursLiteral !== 0 || citations !== charter.refs) throw new Error(`ours resolved ${citations} of ${charter.refs} references (${oursLiteral} left as text)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void runExportBench();
