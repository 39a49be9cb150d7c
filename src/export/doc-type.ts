/** The writer's document types, read cheaply (no Markdown parse): light enough to load at activation. */

/** The writer's own document kinds (front matter `type:`) and how the title page names them. */
export const DOC_TYPE_LABELS: Readonly<Record<string, string>> = {
  'hub-charter': 'Hub charter',
  'theory-of-change': 'Theory of change',
  'landscape-map': 'Landscape map',
};

/**
 * The writer's document type (`hub-charter`, `theory-of-change`, `landscape-map`) from the
 * front matter's `type:` line, by a scan of the first lines only: cheap enough to run on every
 * edit (it decides whether the editor title shows the export button). Undefined for any other.
 */
export function exportableType(text: string): string | undefined {
  const lines = text.slice(0, 8000).split('\n');
  if (!/^\uFEFF?---\s*$/.test(lines[0])) return undefined;
  for (let i = 1; i < lines.length; i++) {
    if (/^(?:---|\.\.\.)\s*$/.test(lines[i])) return undefined;
    const m = /^type:[ \t]*(["']?)([a-z-]{1,40})\1[ \t]*(?:#.*)?\r?$/.exec(lines[i]);
    if (m) return Object.hasOwn(DOC_TYPE_LABELS, m[2]) ? m[2] : undefined;
  }
  return undefined;
}
