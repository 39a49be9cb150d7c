import { Emitter, type Disposable } from '../core/events';
import type { KnowledgeBundle } from '../core/kb';
import { keyOf, parseKey, slugOf } from '../core/keys';
import { parseKnowledgeDoc } from '../core/knowledge';
import { trimTrailingSlashes } from '../core/scan';
import type { DocKind, KnowledgeDoc, Problem } from '../core/types';
import { toSearchDoc, type SearchDoc } from '../search/doc';
import { SearchEngine } from '../search/engine';
import type { Shard } from '../search/lunr-index';
import { OwnIndex } from '../search/own-index';
import { readBundle, readIndex } from './bundle';
import { isInside } from './folders';
import type { BundleSource, FileSystemPort, StoragePort } from './ports';

/** Files larger than this are not indexed (a warning on the file says so). */
export const MAX_FILE_BYTES = 2_000_000;
/** At most this many Markdown files are indexed across the knowledge folders. */
export const MAX_FILES = 20_000;
export const INDEX_STORE = 'workspace-index.json';

export interface IndexStats {
  files: number;
  parsed: number;
  reused: number;
  skipped: number;
  ms: number;
}

/** Something in a knowledge folder that was deliberately not read, with the reason. */
export interface SkippedItem {
  uri: string;
  reason: string;
}

export type StoreEvent = { type: 'bundle' } | { type: 'own'; uris: string[] };

/** Runs the indexing work, reporting how many files are done (the editor shows progress). */
export type ProgressRunner = (total: number, work: (report: (done: number) => void) => Promise<void>) => Promise<void>;

export interface StoreOptions {
  fs: FileSystemPort;
  storage?: StoragePort;
  bundle?: BundleSource;
  maxFileBytes?: number;
  maxFiles?: number;
  /** Lets other work run between batches of files (default: a zero-delay timer). */
  yieldNow?: () => Promise<void>;
  /** Delay before a changed file is re-read (milliseconds). */
  debounceMs?: number;
  /** Delay before the index is written to storage after a change. */
  saveDelayMs?: number;
}

/** Why a file's bytes are not usable text, or its text. */
export function decodeText(bytes: Uint8Array): { text: string } | { message: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { message: 'This file is UTF-16 text; Impact Hubs reads UTF-8. Save it as UTF-8 (in VS Code: "Save with Encoding" → UTF-8).' };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { message: 'This file contains NUL bytes, so it is binary or UTF-16 without a byte-order mark; Impact Hubs reads UTF-8 text only.' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { message: 'This file is not valid UTF-8 text, so it was not indexed. Save it as UTF-8 (in VS Code: "Save with Encoding" → UTF-8).' };
  }
}

const defaultYield = () => new Promise<void>((r) => setTimeout(r, 0));
const isMarkdown = (uri: string) => /\.md$/i.test(uri);

/**
 * The knowledge store: the bundled knowledge base and the user's own documents, behind ports, so
 * the extension (desktop and web) and the CLI load, index, rank and report problems through this
 * one code path. Pure: no `vscode`, no Node-only API.
 */
export class KnowledgeStore implements Disposable {
  readonly engine = new SearchEngine();
  private readonly changed = new Emitter<StoreEvent>();
  readonly onDidChange = this.changed.event;

  private bundleData?: KnowledgeBundle;
  private shard?: Shard;
  private loading?: Promise<void>;
  private byKey = new Map<string, KnowledgeDoc>();
  private byPath = new Map<string, KnowledgeDoc>();

  private own = new OwnIndex();
  private failed = new Map<string, { stamp: string; problems: Problem[] }>();
  private folderList: string[] = [];
  private skippedItems: SkippedItem[] = [];
  private restored = false;
  private running: Promise<unknown> = Promise.resolve();
  private watchers: Disposable[] = [];
  private pending = new Map<string, ReturnType<typeof setTimeout>>();
  private saveTimer?: ReturnType<typeof setTimeout>;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private readonly yieldNow: () => Promise<void>;

  constructor(private readonly opts: StoreOptions) {
    this.maxFileBytes = opts.maxFileBytes ?? MAX_FILE_BYTES;
    this.maxFiles = opts.maxFiles ?? MAX_FILES;
    this.yieldNow = opts.yieldNow ?? defaultYield;
  }

  // ------------------------------------------------------------------ bundled knowledge base

  /** Loads the compiled knowledge base once; later calls return at once. */
  ready(): Promise<void> {
    this.loading ??= this.loadBundle().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  private async loadBundle(): Promise<void> {
    if (!this.opts.bundle) throw new Error('No bundled knowledge base is configured.');
    const { knowledge, index } = await this.opts.bundle();
    this.bundleData = readBundle(knowledge);
    this.shard = readIndex(index, this.bundleData);
    for (const d of this.bundleData.docs) {
      this.byKey.set(keyOf(d), d);
      this.byPath.set(d.path, d);
    }
    this.updateEngine();
    this.changed.fire({ type: 'bundle' });
  }

  get bundle(): KnowledgeBundle | undefined {
    return this.bundleData;
  }

  /** Bundled documents (own documents are read on demand: see `resolve`). */
  docs(): KnowledgeDoc[] {
    return this.bundleData?.docs ?? [];
  }

  byRef(kind: DocKind, id: string): KnowledgeDoc | undefined {
    return this.byKey.get(`${kind}:${id}`);
  }

  bundledByPath(path: string): KnowledgeDoc | undefined {
    return this.byPath.get(path);
  }

  // ------------------------------------------------------------------ own documents

  ownDocs(): SearchDoc[] {
    return this.own.docs();
  }

  /** How many own documents are indexed. */
  get ownCount(): number {
    return this.own.size;
  }

  ownRef(kind: DocKind, id: string): SearchDoc | undefined {
    return this.own.docs().find((d) => d.kind === kind && d.id === id);
  }

  get folders(): readonly string[] {
    return this.folderList;
  }

  /** Items deliberately not read during the last indexing (links, devices, unreadable folders). */
  get skipped(): readonly SkippedItem[] {
    return this.skippedItems;
  }

  isInKnowledgeFolder(uri: string): boolean {
    return isMarkdown(uri) && this.folderList.some((f) => isInside(uri, f) && uri !== f);
  }

  /** Problems found in one file (front matter, encoding, size). */
  problems(uri: string): Problem[] {
    return this.own.entry(uri)?.problems ?? this.failed.get(uri)?.problems ?? [];
  }

  /** Every file with problems. */
  problemUris(): string[] {
    return [...this.own.allEntries().filter((e) => e.problems?.length).map((e) => e.path), ...[...this.failed].filter(([, f]) => f.problems.length).map(([u]) => u)];
  }

  /**
   * A document by key. Bundled documents come from the bundle; own documents only when the key is
   * in the index (a crafted key can never make the store read an arbitrary file), re-read so the
   * reader shows what is on disk now.
   */
  async resolve(key: string): Promise<KnowledgeDoc | undefined> {
    await this.ready().catch(() => undefined);
    const bundled = this.byKey.get(key);
    if (bundled) return bundled;
    if (!parseKey(key)?.path) return undefined;
    const entry = this.own.allEntries().find((e) => e.doc.ref === key);
    if (!entry) return undefined;
    try {
      const bytes = await this.opts.fs.read(entry.path);
      if (bytes.byteLength > this.maxFileBytes) return undefined;
      const decoded = decodeText(bytes);
      return 'text' in decoded ? this.parse(entry.path, decoded.text).doc : undefined;
    } catch {
      return undefined;
    }
  }

  private parse(uri: string, text: string): { doc?: KnowledgeDoc; problems: Problem[] } {
    const name = decodeURIComponent(uri.split('/').pop() ?? '').replace(/\.md$/i, '');
    return parseKnowledgeDoc(text, { path: uri, origin: 'workspace', fallbackId: slugOf(name) || 'untitled' });
  }

  /** The folders own knowledge is read from; watches them when the file-system port can. */
  setFolders(folders: string[]): void {
    this.folderList = [...new Set(folders.map((f) => trimTrailingSlashes(f)))];
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const watch = this.opts.fs.watch?.bind(this.opts.fs);
    if (!watch) return;
    for (const folder of this.folderList) {
      this.watchers.push(
        watch(folder, (c) => {
          if (c.type === 'deleted') this.fileDeleted(c.uri);
          else this.fileChanged(c.uri);
        }),
      );
    }
  }

  /**
   * Indexes the knowledge folders: restores the persisted index once, then re-reads only files
   * whose change stamp differs. Runs never overlap (a call waits for the one under way).
   */
  indexOwn(options: { progress?: ProgressRunner } = {}): Promise<IndexStats> {
    const run = this.running.catch(() => undefined).then(() => this.runIndex(options.progress));
    this.running = run;
    return run;
  }

  private async runIndex(progress?: ProgressRunner): Promise<IndexStats> {
    const started = Date.now();
    // Own documents are searched together with the bundle; indexing goes on if it cannot load.
    if (this.opts.bundle) await this.ready().catch(() => undefined);
    if (!this.restored) {
      this.restored = true;
      await this.restore();
    }
    const skipped: SkippedItem[] = [];
    const files = await this.listFiles(skipped);
    // In path order, whatever order the file system listed them in (reports and tests stay stable).
    this.skippedItems = skipped.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const keep = new Set(files.map((f) => f.uri));
    const before = new Set([...this.own.allEntries().map((e) => e.path), ...this.failed.keys()]);
    this.own.retain(keep);
    for (const k of [...this.failed.keys()]) if (!keep.has(k)) this.failed.delete(k);
    const known = (uri: string) => this.own.entry(uri)?.stamp ?? this.failed.get(uri)?.stamp;
    const toParse = files.filter((f) => known(f.uri) !== f.stamp);
    const work = async (report: (done: number) => void) => {
      let done = 0;
      for (const f of toParse) {
        await this.indexFile(f.uri, f.stamp);
        if (++done % 25 === 0) {
          report(done);
          await this.yieldNow();
        }
      }
      report(done);
    };
    if (progress) await progress(toParse.length, work);
    else await work(() => undefined);
    this.updateEngine();
    this.changed.fire({ type: 'own', uris: [...new Set([...before, ...keep])] });
    this.scheduleSave();
    return { files: files.length, parsed: toParse.length, reused: files.length - toParse.length, skipped: skipped.length, ms: Date.now() - started };
  }

  /**
   * Every Markdown file in the knowledge folders, with its change stamp. Links to folders are
   * never followed; links to files only when the port can tell where they point and that is
   * inside the same knowledge folder; devices, pipes and sockets are skipped. Each is reported.
   */
  private async listFiles(skipped: SkippedItem[]): Promise<{ uri: string; stamp: string }[]> {
    const fs = this.opts.fs;
    const out: { uri: string; stamp: string }[] = [];
    for (const folder of this.folderList) {
      const realFolder = fs.realUri ? ((await fs.realUri(folder).catch(() => undefined)) ?? folder) : folder;
      const stack = [folder];
      while (stack.length && out.length < this.maxFiles) {
        const dir = stack.pop()!;
        let entries;
        try {
          entries = await fs.list(dir);
        } catch (e) {
          skipped.push({ uri: dir, reason: `could not be read (${errorText(e)})` });
          continue;
        }
        for (const e of entries) {
          if (e.name.startsWith('.') || e.name === 'node_modules') continue;
          if (e.symlink) {
            if (e.type === 'directory') {
              skipped.push({ uri: e.uri, reason: 'is a link to a folder; links to folders are never followed' });
              continue;
            }
            if (!isMarkdown(e.name)) continue;
            const real = e.type === 'file' && fs.realUri ? await fs.realUri(e.uri).catch(() => undefined) : undefined;
            if (!real || !isInside(real, realFolder)) {
              skipped.push({ uri: e.uri, reason: real ? 'is a link to a file outside the knowledge folder' : 'is a link whose target cannot be checked here, so it is not followed' });
              continue;
            }
          } else if (e.type === 'directory') {
            stack.push(e.uri);
            continue;
          } else if (e.type !== 'file') {
            if (isMarkdown(e.name)) skipped.push({ uri: e.uri, reason: 'is not a regular file (a device, pipe or socket)' });
            continue;
          }
          if (!isMarkdown(e.name)) continue;
          const info = await fs.stat(e.uri).catch(() => undefined);
          if (info?.type !== 'file') continue;
          out.push({ uri: e.uri, stamp: `${info.mtime}:${info.size}` });
          if (out.length >= this.maxFiles) {
            skipped.push({ uri: folder, reason: `holds more than ${this.maxFiles} Markdown files; only the first ${this.maxFiles} are indexed` });
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * Reads and parses one file into the own index. A file that cannot be used (unreadable, too
   * large, not UTF-8, bad front matter) is remembered with its stamp and problems, so it is not
   * re-read until it changes.
   */
  private async indexFile(uri: string, stamp: string): Promise<void> {
    let doc: KnowledgeDoc | undefined;
    let problems: Problem[];
    try {
      const bytes = await this.opts.fs.read(uri);
      if (bytes.byteLength > this.maxFileBytes) {
        problems = [fileProblem(uri, `This file is ${(bytes.byteLength / 1e6).toFixed(1)} MB; Impact Hubs indexes knowledge documents up to ${this.maxFileBytes / 1e6} MB. Split it into smaller documents.`, 'size')];
      } else {
        const decoded = decodeText(bytes);
        if ('text' in decoded) ({ doc, problems } = this.parse(uri, decoded.text));
        else problems = [fileProblem(uri, decoded.message, 'encoding')];
      }
    } catch (e) {
      problems = [fileProblem(uri, `This file could not be read (${errorText(e)}), so it was not indexed.`, 'unreadable')];
    }
    if (doc) {
      this.failed.delete(uri);
      this.own.upsert({ path: uri, stamp, doc: toSearchDoc(doc), problems });
    } else {
      this.failed.set(uri, { stamp, problems });
      this.own.remove(uri);
    }
  }

  /** A file in a knowledge folder was created or changed (or saved): re-index it soon. */
  fileChanged(uri: string): void {
    if (!this.isInKnowledgeFolder(uri)) return;
    this.debounce(uri, async () => {
      const info = await this.opts.fs.stat(uri).catch(() => undefined);
      if (!info) return this.fileDeleted(uri);
      if (info.type !== 'file' || info.symlink) return;
      await this.indexFile(uri, `${info.mtime}:${info.size}`);
      this.afterSingleChange(uri);
    });
  }

  fileDeleted(uri: string): void {
    const had = this.failed.delete(uri) || this.own.remove(uri);
    // A deleted folder: drop everything under it.
    let under = false;
    for (const e of this.own.allEntries()) if (isInside(e.path, uri) && this.own.remove(e.path)) under = true;
    for (const k of [...this.failed.keys()]) if (isInside(k, uri) && this.failed.delete(k)) under = true;
    if (had || under) this.afterSingleChange(uri);
  }

  private afterSingleChange(uri: string): void {
    this.updateEngine();
    this.changed.fire({ type: 'own', uris: [uri] });
    this.scheduleSave();
  }

  private debounce(uri: string, fn: () => Promise<void> | void): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        const run = this.running.catch(() => undefined).then(fn);
        this.running = run;
      }, this.opts.debounceMs ?? 50),
    );
  }

  /** Waits for indexing and pending file changes to finish (tests, CLI). */
  async settled(): Promise<void> {
    while (this.pending.size) await new Promise((r) => setTimeout(r, (this.opts.debounceMs ?? 50) + 5));
    await this.running.catch(() => undefined);
  }

  private updateEngine(): void {
    this.engine.setIndexes([...(this.shard ? [this.shard] : []), this.own]);
  }

  // ------------------------------------------------------------------ persistence

  private async restore(): Promise<void> {
    const storage = this.opts.storage;
    if (!storage) return;
    try {
      const text = await storage.read(INDEX_STORE);
      if (text) this.own = OwnIndex.fromJSON(JSON.parse(text));
    } catch {
      this.own = new OwnIndex();
    }
    this.updateEngine();
  }

  private scheduleSave(): void {
    if (!this.opts.storage) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), this.opts.saveDelayMs ?? 1500);
  }

  /** Writes the own-documents index to storage (an optimisation: failures only cost a re-read). */
  async save(): Promise<void> {
    clearTimeout(this.saveTimer);
    const storage = this.opts.storage;
    if (!storage) return;
    try {
      await storage.write(INDEX_STORE, JSON.stringify(this.own.toJSON()));
    } catch {
      // The index is rebuilt next time.
    }
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    for (const w of this.watchers) w.dispose();
    this.changed.dispose();
  }
}

function fileProblem(uri: string, message: string, code: string): Problem {
  return { file: uri, line: 1, message, severity: 'warning', code };
}

function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // Node's error codes (EACCES, ELOOP …) as whole words of the message.
  const code = m.split(/\W+/).find((w) => /^E[A-Z]+$/.test(w));
  return code ?? m.split('\n')[0].slice(0, 120);
}
