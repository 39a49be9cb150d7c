/**
 * Export: a writer's Markdown document (charter, theory of change, landscape map) → Word, HTML or
 * PDF, with resolved knowledge-base citations. One entry for the extension and the CLI:
 * `prepareExport` reads the document and reports leftovers (placeholders, unknown references)
 * before anything is written; `renderExport` writes the chosen format.
 */
import { toDocx } from './docx';
import { toHtml, toHtmlString } from './html';
import type { ExportDoc, ExportFormat } from './model';
import { looksLikePdf, PdfUnavailableError, type PdfRenderer } from './pdf';
import { ExportError } from './parse';

export { prepareExport, reportLines, ExportError, type PrepareOptions } from './parse';
export { exportableType, DOC_TYPE_LABELS } from './doc-type';
export { storeResolver, citedDoc, mainSources } from './cite';
export { FORMATS, isExportFormat, type ExportDoc, type ExportExtras, type ExportFigure, type ExportFormat, type ExportReport, type ExportTable, type RefResolver } from './model';
export { extrasFor } from './extras';
export { PDF_UNAVAILABLE, PdfUnavailableError, looksLikePdf, type PdfRenderer } from './pdf';

/** The bytes of the document in the chosen format. PDF needs a renderer (see pdf.ts). */
export async function renderExport(doc: ExportDoc, format: ExportFormat, pdf?: PdfRenderer): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return toDocx(doc);
    case 'html':
      return toHtml(doc);
    case 'pdf': {
      if (!pdf) throw new PdfUnavailableError();
      const bytes = await pdf.render(toHtmlString(doc));
      if (!looksLikePdf(bytes)) throw new ExportError(`${pdf.name} did not produce a PDF.`);
      return bytes;
    }
  }
}

/** A one-line summary for the "done" message: "12 footnotes, 4 pages of the knowledge base cited". */
export function summary(doc: ExportDoc): string {
  const own = doc.notes.filter((n) => n.kind === 'author').length;
  const cited = doc.references.length;
  const parts = [own ? `${own} footnote${own === 1 ? '' : 's'}` : '', cited ? `${cited} knowledge-base page${cited === 1 ? '' : 's'} cited` : ''].filter(Boolean);
  return parts.join(', ');
}
