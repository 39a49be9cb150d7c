/** HTML escaping for every interpolated value in webviews. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Text for a VS Code MarkdownString (hovers, completion details, tooltips): every character that can
 * start Markdown syntax — brackets, emphasis, code, HTML, entities, list and heading markers, and the
 * `:` `/` `.` `@` of autolinks, `$` of `$(icon)` — is backslash-escaped (CommonMark allows it for any
 * ASCII punctuation), so no link, image, HTML, `command:` link or icon can come out of a document's
 * text; line breaks and runs of white space become one space. Commas, quotes and the like stay.
 */
export function escapeMarkdown(text: unknown): string {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&$:/@=]/g, (c) => `\\${c}`);
}

/** Only http(s) links may leave a webview; anything else is dropped. */
export function safeExternalUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export interface PageOptions {
  title: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  nonce: string;
  styles: string[];
  scripts: string[];
  body: string;
  /** JSON state handed to the page script (escaped for a data attribute). */
  state?: unknown;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** A complete webview document with a strict CSP: nothing remote, scripts only by nonce. */
export function page(o: PageOptions): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(o.nonce)) throw new Error('nonce must be at least 16 alphanumeric characters');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${o.styles.map((s) => `<link rel="stylesheet" href="${esc(s)}">`).join('\n')}
<title>${esc(o.title)}</title>
</head>
<body${o.state === undefined ? '' : ` data-state="${esc(JSON.stringify(o.state))}"`}>
${o.body}
${o.scripts.map((s) => `<script nonce="${esc(o.nonce)}" src="${esc(s)}"></script>`).join('\n')}
</body>
</html>`;
}

export function makeNonce(random: (n: number) => number = cryptoRandom): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[random(chars.length)];
  return s;
}

function cryptoRandom(n: number): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return buf[0] % n;
}
