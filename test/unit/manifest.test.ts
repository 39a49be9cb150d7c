import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const contributes = pkg.contributes;

describe('manifest (package.json)', () => {
  it('is named impact-hubs, has no * activation and points main at the bundle', () => {
    assert.equal(pkg.name, 'impact-hubs');
    assert.equal(pkg.displayName, 'Impact Hubs');
    assert.ok(!(pkg.activationEvents ?? []).includes('*'));
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.bin['impact-hubs'], './dist/cli.js');
  });

  it('ships one bundle for both hosts (Node and web worker) in the VSIX', () => {
    assert.equal(pkg.browser, pkg.main, 'the web build runs in both hosts, shipped once');
    const ignore = fs.readFileSync(path.join(__dirname, '..', '..', '.vscodeignore'), 'utf8').split('\n');
    for (const entry of [pkg.main, pkg.browser]) assert.ok(ignore.includes(`!${entry.replace(/^\.\//, '')}`), `${entry} is packaged`);
  });

  it('gives every command a title, the Impact Hubs category, and documents it in the README', () => {
    assert.ok(contributes.commands.length > 0);
    for (const c of contributes.commands) {
      assert.match(c.command, /^impactHubs\.[a-zA-Z]+$/, c.command);
      assert.ok(c.title && c.title.length > 3, `${c.command} has no title`);
      assert.equal(c.category, 'Impact Hubs', `${c.command} category`);
      assert.ok(readme.includes(c.title), `README does not mention the command "${c.title}"`);
    }
  });

  it('gives every setting the impactHubs. prefix and a description, and documents it in the README', () => {
    const props = contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>;
    for (const [key, spec] of Object.entries(props)) {
      assert.match(key, /^impactHubs\./);
      assert.ok((spec.description ?? spec.markdownDescription ?? '').length > 10, `${key} has no description`);
      assert.ok(readme.includes(`\`${key}\``), `README does not document the setting \`${key}\``);
    }
  });

  it('in an untrusted workspace, ignores the workspace\'s knowledge-folder setting; the setting says folders stay inside the workspace', () => {
    const u = pkg.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    assert.deepEqual(u.restrictedConfigurations, ['impactHubs.knowledgeFolders']);
    for (const key of u.restrictedConfigurations) assert.ok(contributes.configuration.properties[key], `${key} is a contributed setting`);
    assert.match(u.description, /impactHubs\.knowledgeFolders/);
    const setting = contributes.configuration.properties['impactHubs.knowledgeFolders'].markdownDescription as string;
    assert.match(setting, /must be inside the workspace folder/);
    assert.match(setting, /symbolic links/);
  });

  it('contributes the Activity Bar container with an SVG icon that exists', () => {
    const c = contributes.viewsContainers.activitybar.find((x: { id: string }) => x.id === 'impactHubs');
    assert.ok(c);
    assert.match(c.icon, /^media\/.+\.svg$/);
    assert.ok(fs.existsSync(path.join(ROOT, c.icon)));
    for (const v of contributes.views.impactHubs) assert.ok(v.name, `view ${v.id} has no name`);
  });

  it('references only files that exist (icons, snippets, walkthrough media)', () => {
    const refs: string[] = [];
    JSON.stringify(contributes, (_k, v) => {
      if (typeof v === 'string' && /^\.?\/?(media|dist|snippets)\//.test(v)) refs.push(v);
      return v;
    });
    for (const r of refs) {
      if (r.startsWith('dist/') || r.startsWith('./dist/')) continue; // built
      assert.ok(fs.existsSync(path.join(ROOT, r)), `missing file referenced by package.json: ${r}`);
    }
  });

  it('commands in menus and keybindings are contributed commands', () => {
    const ids = new Set(contributes.commands.map((c: { command: string }) => c.command));
    const used: string[] = [];
    for (const list of Object.values(contributes.menus ?? {}) as { command?: string }[][]) for (const m of list) if (m.command) used.push(m.command);
    for (const k of contributes.keybindings ?? []) used.push(k.command);
    for (const u of used) assert.ok(ids.has(u) || u.endsWith('.focus'), `menu/keybinding uses unknown command ${u}`);
  });

  it('contributes nothing twice (a merge of two branches can duplicate views, commands or menu entries)', () => {
    const key = (x: unknown): string => {
      if (typeof x !== 'object' || x === null) return JSON.stringify(x);
      const o = x as Record<string, unknown>;
      if (typeof o.id === 'string') return `id:${o.id}`;
      if (typeof o.command === 'string') return `command:${o.command}|${o.when ?? ''}|${o.group ?? ''}|${o.key ?? ''}`;
      return JSON.stringify(o);
    };
    const dups: string[] = [];
    const walk = (v: unknown, at: string): void => {
      if (Array.isArray(v)) {
        const seen = new Set<string>();
        v.forEach((x, i) => {
          const k = key(x);
          if (seen.has(k)) dups.push(`${at}: ${k}`);
          seen.add(k);
          walk(x, `${at}[${i}]`);
        });
      } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
    };
    walk(contributes, 'contributes');
    assert.deepEqual(dups, []);
  });

  it('the .vscodeignore keeps sources, tests and dev files out of the VSIX', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const p of ['src/**', 'test/**', 'node_modules/**', '.cache/**', 'scripts/**', 'out/**']) assert.ok(ignore.includes(p), `.vscodeignore lacks ${p}`);
  });
});
