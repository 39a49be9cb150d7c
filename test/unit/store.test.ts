import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { INDEX_FILE, BUNDLE_FILE } from '../../src/store/bundle';
import { folderSegments, resolveKnowledgeFolders } from '../../src/store/folders';
import { INDEX_STORE, KnowledgeStore, decodeText } from '../../src/store/knowledge-store';
import { MemoryFs, MemoryStorage } from '../../src/store/memory-fs';
import { realKb } from '../fixtures/real-kb';

function bundleSource() {
  const { bundle, shard } = realKb();
  const knowledge = JSON.stringify(bundle);
  const index = JSON.stringify(shard.toJSON());
  return async () => ({ knowledge, index });
}

function makeStore(mem: MemoryFs, storage?: MemoryStorage, maxFileBytes?: number): KnowledgeStore {
  return new KnowledgeStore({ fs: mem, storage, bundle: bundleSource(), yieldNow: async () => undefined, debounceMs: 1, saveDelayMs: 1, maxFileBytes });
}

/** A small folder of own notes, written the same way to memory and to disk. */
const NOTES: Record<string, string> = {
  'My Notes.md': '# Village immunisation notes\n\nImmunisation days in the hill districts; cold-chain gaps.\n',
  'pumps.md': '---\ntitle: Pump maintenance\n---\n\nMaintenance funds for village pumps and spare parts.\n',
  'sub/board.md': '---\nid: board-notes\nkind: note\ntitle: Board seats\n---\n\nHow many board seats each constituency holds, and who chooses them.\n',
  'bad.md': '---\ntitle: [oops\n---\nbroken front matter\n',
  'Bad Id.md': '---\nid: Not A Valid Id\ntitle: Odd id\n---\n\nimmunisation registers\n',
};

describe('knowledge store (in-memory ports)', () => {
  it('indexes own notes with slugged fallback ids, reports problems per file, and searches with the bundle', async () => {
    const mem = new MemoryFs();
    for (const [p, t] of Object.entries(NOTES)) mem.write(`knowledge/${p}`, t);
    const store = makeStore(mem);
    store.setFolders([`${mem.root}/knowledge`]);
    const stats = await store.indexOwn();
    assert.equal(stats.files, 5);
    assert.equal(stats.parsed, 5);
    const ids = store.ownDocs().map((d) => d.id).sort();
    assert.deepEqual(ids, ['board-notes', 'my-notes', 'not-a-valid-id', 'pumps']);
    assert.match(store.problems(`${mem.root}/knowledge/bad.md`)[0].message, /invalid YAML/);
    assert.match(store.problems(`${mem.root}/knowledge/Bad Id.md`)[0].message, /lower-case words/);
    const hits = store.engine.search('immunisation', { limit: 10 }).map((r) => r.id);
    assert.ok(hits.includes('my-notes'), hits.join());
    assert.ok(hits.includes('gavi'), 'bundled documents rank with own ones');
  });

  it('the CLI and the store give the same ids, ranks and problems for the same folder (one code path)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-parity-'));
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-dist-'));
    try {
      const { bundle, shard } = realKb();
      fs.writeFileSync(path.join(dist, BUNDLE_FILE), JSON.stringify(bundle));
      fs.writeFileSync(path.join(dist, INDEX_FILE), JSON.stringify(shard.toJSON()));
      const mem = new MemoryFs();
      for (const [p, t] of Object.entries(NOTES)) {
        fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
        fs.writeFileSync(path.join(dir, p), t);
        mem.write(`knowledge/${p}`, t);
      }
      const store = makeStore(mem);
      store.setFolders([`${mem.root}/knowledge`]);
      await store.indexOwn();
      for (const q of ['immunisation', 'board seats', 'village pumps', 'how did gavi fund vaccines']) {
        let out = '';
        let err = '';
        const code = await main(['search', q, '--json', '--limit', '8', '--knowledge', dir], { out: (s) => (out += s), err: (s) => (err += s + '\n') }, dist);
        assert.equal(code, 0);
        const cli = (JSON.parse(out) as { id: string; kind: string }[]).map((r) => `${r.kind}:${r.id}`);
        const editor = store.engine.search(q, { limit: 8 }).map((r) => `${r.kind}:${r.id}`);
        assert.deepEqual(cli, editor, `same ranking for "${q}"`);
        const cliProblems = err.split('\n').filter(Boolean).map((l) => l.replace(/^.*?([^/\\]+\.md):/, '$1:')).sort();
        const storeProblems = store.problemUris().flatMap((u) => store.problems(u).map((p) => `${decodeURIComponent(u.split('/').pop()!)}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}${p.severity === 'error' ? '' : ` (${p.severity})`}`)).sort();
        assert.deepEqual(cliProblems, storeProblems, 'same problems');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('never reads outside the knowledge folder: links to outside files and to folders, devices are skipped and reported', async () => {
    const mem = new MemoryFs();
    mem.write('knowledge/ok.md', '# Fine note\n\nsafe words\n');
    mem.write('secret/passwd.md', '# root nologin\n');
    const outside = mem.write('elsewhere/outside.md', '# Outside\n\nroot nologin\n');
    mem.symlink('knowledge/links/passwd.md', outside);
    mem.symlink('knowledge/links/root', mem.root);
    mem.special('knowledge/fifo.md');
    const inside = mem.write('knowledge/real.md', '# Real note\n\ninside words\n');
    mem.symlink('knowledge/alias.md', inside);
    const store = makeStore(mem);
    store.setFolders([`${mem.root}/knowledge`]);
    await store.indexOwn();
    assert.equal(store.engine.search('nologin').filter((r) => r.origin === 'workspace').length, 0, 'nothing outside is indexed');
    const reasons = store.skipped.map((s) => `${s.uri.split('/').slice(-2).join('/')}: ${s.reason}`);
    assert.ok(reasons.some((r) => r.startsWith('links/passwd.md: is a link to a file outside')), reasons.join('\n'));
    assert.ok(reasons.some((r) => r.startsWith('links/root: is a link to a folder')), reasons.join('\n'));
    assert.ok(reasons.some((r) => r.startsWith('knowledge/fifo.md: is not a regular file')), reasons.join('\n'));
    assert.ok(store.ownDocs().some((d) => d.title === 'Real note'));
    assert.ok(store.ownDocs().some((d) => d.path.endsWith('/alias.md')), 'a link to a file inside the folder is followed');
  });

  it('applies the size limit, refuses UTF-16 and invalid UTF-8 with a message, and survives an unreadable file', async () => {
    const mem = new MemoryFs();
    mem.write('knowledge/big.md', `# Big\n\n${'word '.repeat(300)}`);
    mem.write('knowledge/utf16.md', new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00, 0x41, 0x00]));
    mem.write('knowledge/latin1.md', new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    const locked = mem.write('knowledge/locked.md', '# Locked\n');
    mem.unreadable.add(locked);
    mem.write('knowledge/fine.md', '# Fine\n\nzebra crossings\n');
    const store = makeStore(mem, undefined, 1000);
    store.setFolders([`${mem.root}/knowledge`]);
    await store.indexOwn();
    const p = (name: string) => store.problems(`${mem.root}/knowledge/${name}`).map((x) => x.message).join(' ');
    assert.match(p('big.md'), /up to 0\.001 MB/);
    assert.match(p('utf16.md'), /UTF-16/);
    assert.match(p('latin1.md'), /not valid UTF-8/);
    assert.match(p('locked.md'), /could not be read \(EACCES\)/);
    assert.deepEqual(store.ownDocs().map((d) => d.title), ['Fine']);
    const nul = decodeText(new Uint8Array([0x61, 0x00, 0x62]));
    assert.ok('message' in nul && /NUL bytes/.test(nul.message));
  });

  it('restores the persisted index and re-reads only changed files; a persisted index of the wrong shape is rebuilt', async () => {
    const mem = new MemoryFs();
    for (let i = 0; i < 10; i++) mem.write(`knowledge/n${i}.md`, `# Note ${i}\n\nword${i}\n`);
    const storage = new MemoryStorage();
    const first = makeStore(mem, storage);
    first.setFolders([`${mem.root}/knowledge`]);
    await first.indexOwn();
    await first.save();
    mem.write('knowledge/n3.md', '# Note 3\n\nzygomorphic words\n');
    mem.reads = 0;
    const second = makeStore(mem, storage);
    second.setFolders([`${mem.root}/knowledge`]);
    const stats = await second.indexOwn();
    assert.equal(stats.parsed, 1);
    assert.equal(stats.reused, 9);
    assert.equal(mem.reads, 1, 'only the changed file is read');
    assert.equal(second.engine.search('zygomorphic')[0]?.title, 'Note 3');
    // Same version number, other shape (title: 42): rejected and rebuilt from the files.
    const data = JSON.parse(storage.data.get(INDEX_STORE)!);
    data.entries[0].doc.title = 42;
    storage.data.set(INDEX_STORE, JSON.stringify(data));
    const third = makeStore(mem, storage);
    third.setFolders([`${mem.root}/knowledge`]);
    assert.equal((await third.indexOwn()).parsed, 10);
    assert.ok(third.engine.search('note').every((r) => typeof r.title === 'string'));
  });

  it('follows changes: a new or edited file is searchable, a deleted one is gone (watch port)', async () => {
    const mem = new MemoryFs();
    mem.mkdir('knowledge');
    const store = makeStore(mem);
    store.setFolders([`${mem.root}/knowledge`]);
    await store.indexOwn();
    mem.write('knowledge/lake.md', '# Lake Compact notes\n\nxylophonic\n');
    await store.settled();
    assert.equal(store.engine.search('xylophonic')[0]?.title, 'Lake Compact notes');
    mem.write('knowledge/lake.md', '# Lake Compact notes\n\nquinquennial\n');
    await store.settled();
    assert.equal(store.engine.search('xylophonic').length, 0);
    assert.equal(store.engine.search('quinquennial').length, 1);
    mem.delete('knowledge/lake.md');
    await store.settled();
    assert.equal(store.engine.search('quinquennial').length, 0);
  });

  it('resolves only keys that are in the index (a crafted key never reads a file)', async () => {
    const mem = new MemoryFs();
    mem.write('knowledge/a.md', '# A note\n\nalpha\n');
    mem.write('private/secret.md', '# Secret\n');
    const store = makeStore(mem);
    store.setFolders([`${mem.root}/knowledge`]);
    await store.indexOwn();
    const key = store.ownDocs()[0].ref;
    assert.equal((await store.resolve(key))?.title, 'A note');
    assert.equal(await store.resolve(`note:secret@${mem.root}/private/secret.md`), undefined);
    assert.equal(await store.resolve('note:x@file:///etc/passwd'), undefined);
    assert.equal((await store.resolve('hub:gavi'))?.id, 'gavi');
  });
});

describe('knowledge folders stay inside the workspace', () => {
  it('refuses absolute paths, URIs, ~ and any .. that climbs out', () => {
    for (const bad of ['../outside-kb', '/etc', 'C:\\kb', 'file:///etc', '~/kb', 'a/../../b', '..', '.']) {
      assert.ok(!Array.isArray(folderSegments(bad)), bad);
    }
    assert.deepEqual(folderSegments('notes/../knowledge/./kb'), ['knowledge', 'kb']);
  });

  it('resolves existing folders, reports missing ones and refuses links', async () => {
    const mem = new MemoryFs();
    mem.mkdir('kb');
    mem.symlink('linked', `${mem.root}/kb`);
    const r = await resolveKnowledgeFolders(mem, [{ uri: mem.root, configured: ['kb', 'nope', '../out', 'linked'] }]);
    assert.deepEqual(r.folders, [`${mem.root}/kb`]);
    assert.deepEqual(r.missing, ['nope']);
    assert.deepEqual(r.refused.map((x) => x.name), ['../out', 'linked']);
  });

  it('refuses a knowledge folder reached through a link on the way (outer/kb where outer is a link)', async () => {
    const mem = new MemoryFs();
    mem.symlink('outer', 'mem:///elsewhere');
    // What a real file system shows through the link: outer/kb is a plain folder.
    mem.mkdir('outer/kb');
    mem.mkdir('real/kb');
    const r = await resolveKnowledgeFolders(mem, [{ uri: mem.root, configured: ['outer/kb', 'real/kb'] }]);
    assert.deepEqual(r.folders, [`${mem.root}/real/kb`]);
    assert.deepEqual(r.refused, [{ name: 'outer/kb', reason: 'passes through the symbolic link "outer"; knowledge folders must be real folders inside the workspace' }]);
  });
});
