import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, packageJson } from './helpers';

describe('foundation: the extension in a real VS Code host', () => {
  it('activates and reports its activation time', async () => {
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.activationMs >= 0 && api.activationMs < 60000, `activationMs = ${api.activationMs}`);
    console.log(`  activate() took ${api.activationMs.toFixed(1)} ms in the real host`);
  });

  it('registers every command that package.json contributes', async () => {
    await activateExtension();
    const contributed = (packageJson().contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `commands contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the Impact Hubs view container and its views, which can be opened', async () => {
    const pj = packageJson();
    const containers = (pj.contributes.viewsContainers as { activitybar: { id: string }[] }).activitybar;
    assert.ok(containers.some((c) => c.id === 'impactHubs'));
    const views = (pj.contributes.views as Record<string, { id: string }[]>).impactHubs;
    assert.ok(views.length >= 1);
    for (const v of views) {
      // VS Code registers `<viewId>.focus` for every contributed view.
      await vscode.commands.executeCommand(`${v.id}.focus`);
    }
  });

  it('loads the bundled knowledge base lazily and reports it', async () => {
    const api = await activateExtension();
    const message = await vscode.commands.executeCommand<string>('impactHubs.showInfo');
    assert.match(message, /Impact Hubs knowledge base: (\d+) case studies, (\d+) design principles, 6 frameworks/);
    assert.ok(api.knowledge.docs().length >= 32);
  });
});
