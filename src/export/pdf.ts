/**
 * PDF is printed from the standalone HTML by a renderer behind this port: the pure layer cannot
 * start a browser. The Node host and the CLI implement it with a headless Chromium, Chrome or Edge
 * found on the machine (src/platform/chromium-pdf.ts); the web worker has none, so PDF is offered
 * there only as an explanation with Word and HTML instead.
 */
import { ExportError } from './parse';

export interface PdfRenderer {
  /** What renders, for messages: "Chromium (/usr/bin/chromium)". */
  readonly name: string;
  /** Prints a standalone HTML document (no remote resources, no scripts) to PDF bytes. */
  render(html: string): Promise<Uint8Array>;
}

/** Why there is no PDF, and what to do instead (one message for the CLI and the extension). */
export const PDF_UNAVAILABLE =
  'PDF needs Google Chrome, Chromium or Microsoft Edge on this computer, and none was found. Export to Word or HTML instead (any browser prints the HTML to PDF), or name a browser in the setting impactHubs.export.browserPath (CLI: the environment variable IMPACT_HUBS_BROWSER).';

export class PdfUnavailableError extends ExportError {
  constructor(message = PDF_UNAVAILABLE) {
    super(message);
  }
}

/** `%PDF-` at the start: a renderer's output is checked before it is written anywhere. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;
}
