/**
 * The PDF renderer of the Node host and the CLI: prints the export's standalone HTML with a
 * headless Chromium, Google Chrome or Microsoft Edge already on the machine
 * (`--headless --print-to-pdf`). No download, no new dependency; a private temporary profile so
 * the user's browser profile is never touched; killed after a timeout. Node only — the web
 * worker never loads this file.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfRenderer } from '../export/pdf';

/** Where browsers live, per platform (first found wins). */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), path.win32.join(r, 'Chromium', 'Application', 'chrome.exe')]);
  }
  if (platform === 'darwin') {
    return ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'].flatMap((a) => [`/Applications/${a}`, path.join(env.HOME ?? '', 'Applications', a)]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable', '/opt/google/chrome/chrome', '/snap/bin/chromium'];
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser to print with: the configured path (setting or IMPACT_HUBS_BROWSER) when it
 * exists, else the first known install. Undefined when there is none.
 */
export function findBrowser(configured?: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  for (const p of [configured, env.IMPACT_HUBS_BROWSER].filter((x): x is string => !!x?.trim())) if (isFile(p)) return p;
  return browserCandidates(platform, env).find(isFile);
}

/** "Chromium", "Google Chrome" or "Microsoft Edge", from the executable's path. */
export function browserName(executable: string): string {
  const p = executable.toLowerCase();
  if (p.includes('edge')) return 'Microsoft Edge';
  if (p.includes('chromium')) return 'Chromium';
  if (p.includes('chrome')) return 'Google Chrome';
  return path.basename(executable);
}

export class ChromiumPdf implements PdfRenderer {
  readonly name: string;

  constructor(
    readonly executable: string,
    private readonly timeoutMs = 90_000,
  ) {
    this.name = `${browserName(executable)} (${executable})`;
  }

  async render(html: string): Promise<Uint8Array> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'impact-hubs-pdf-'));
    try {
      const input = path.join(dir, 'document.html');
      const output = path.join(dir, 'document.pdf');
      await fs.promises.writeFile(input, html, 'utf8');
      const args = [
        '--headless',
        '--disable-gpu',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--mute-audio',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        '--print-to-pdf-no-header',
        `--print-to-pdf=${output}`,
        // Chromium refuses to run as root with its sandbox (containers, CI).
        ...(typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : []),
        pathToFileURL(input).href,
      ];
      await new Promise<void>((resolve, reject) => {
        execFile(this.executable, args, { timeout: this.timeoutMs, windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
          if (err && !fs.existsSync(output)) reject(new Error(`${this.name} could not print the PDF: ${err.killed ? `no answer within ${this.timeoutMs / 1000} s` : (String(stderr).trim().split('\n').pop() ?? err.message)}`));
          else resolve();
        });
      });
      return new Uint8Array(await fs.promises.readFile(output));
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
