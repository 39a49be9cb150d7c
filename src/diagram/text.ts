/**
 * Text measurement without a browser: approximate advance widths (em) of a sans-serif font, good
 * enough to wrap labels in fixed-width boxes the same way in the web worker, the CLI and tests.
 */

const NARROW = new Set([...'ijlI.,:;\'|!()[]{} `ft/\\']);
const WIDE = new Set([...'mwMW@%—']);

/** Approximate width of a string in em. */
export function textWidthEm(s: string): number {
  let w = 0;
  for (const c of s) {
    if (NARROW.has(c)) w += 0.3;
    else if (WIDE.has(c)) w += 0.86;
    else if (c >= 'A' && c <= 'Z') w += 0.66;
    else if (c >= '0' && c <= '9') w += 0.56;
    else if (c.charCodeAt(0) > 0x2e80) w += 1; // CJK and other full-width characters
    else w += 0.52;
  }
  return w;
}

/**
 * Wraps text into lines at most `maxEm` wide (words longer than a line are cut), at most
 * `maxLines` lines; the last line ends with "…" when text was left out.
 */
export function wrapText(text: string, maxEm: number, maxLines = Infinity): string[] {
  const words = text.split(' ').filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  const push = (l: string) => lines.push(l);
  for (let word of words) {
    while (textWidthEm(word) > maxEm) {
      // A very long word: cut it.
      let cut = word.length;
      while (cut > 1 && textWidthEm(word.slice(0, cut)) > maxEm) cut = Math.floor(cut * 0.8);
      if (cur) {
        push(cur);
        cur = '';
      }
      push(word.slice(0, cut));
      word = word.slice(cut);
    }
    const next = cur ? `${cur} ${word}` : word;
    if (textWidthEm(next) <= maxEm) cur = next;
    else {
      if (cur) push(cur);
      cur = word;
    }
  }
  if (cur) push(cur);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1];
    while (last.length > 1 && textWidthEm(`${last}…`) > maxEm) last = last.slice(0, -1);
    kept[maxLines - 1] = `${last.trimEnd()}…`;
    return kept;
  }
  return lines;
}
