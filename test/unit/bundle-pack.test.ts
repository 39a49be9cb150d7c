import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { compileKnowledge } from '../../src/core/kb';
import { readMarkdownTree } from '../../src/platform/node-fs';
import { packBundle, readBundle } from '../../src/store/bundle';

describe('the shipped knowledge base is compact and loses nothing', () => {
  const files = readMarkdownTree(path.join(__dirname, '..', '..', 'knowledge'));
  const { bundle } = compileKnowledge(files);
  /** What the plain bundle holds after a trip through JSON (as it always was shipped). */
  const plainDocs = JSON.parse(JSON.stringify(bundle.docs));

  it('stores each Markdown file once; the bundle reads back exactly, with the files for Open Markdown Source', () => {
    const packed = JSON.stringify(packBundle(bundle, files));
    const plain = JSON.stringify(bundle);
    const back = readBundle(packed);
    assert.deepEqual(back.docs, plainDocs);
    assert.deepEqual(back.principleHubs, bundle.principleHubs);
    for (const d of bundle.docs) assert.equal(back.files![d.path], files.find((f) => f.path === d.path)!.text, d.path);
    // The packed bundle holds the files too, and is still smaller than the plain one without them.
    assert.ok(packed.length < plain.length, `${packed.length} < ${plain.length}`);
    for (const d of JSON.parse(packed).docs) for (const k of ['body', 'text', 'headings', 'sources', 'links']) assert.ok(!(k in d), `${d.path}: ${k} is derived, not stored`);
  });

  it('keeps what it cannot derive (a body that is not the end of its file)', () => {
    const odd = files.map((f) => (f.path === 'hubs/gavi.md' ? { ...f, text: f.text + '\n<!-- changed after compiling -->\n' } : f));
    const back = readBundle(JSON.stringify(packBundle(bundle, odd)));
    assert.deepEqual(back.docs, plainDocs);
  });

  it('still reads the plain compiled bundle', () => {
    assert.deepEqual(readBundle(JSON.stringify(bundle)).docs, plainDocs);
  });
});
