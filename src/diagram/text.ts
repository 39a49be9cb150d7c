/**
 * Text measurement without a browser: approximate advance widths (em) of a sans-serif font, good
 * enough to wrap labels in fixed-width boxes the same way in the web worker, the CLI and tests.
 */

const NARROW = 'ijlI.,:;\'|!()[]{} `ft/\\';
const WIDE = 'mwMW@%';

/** Advance widths (em) of ASCII characters, computed once. */
const ASCII = (() => {
  const t = new Float64Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    t[c] = NARROW.includes(ch) ? 0.3 : WIDE.includes(ch) ? 0.86 : ch >= 'A' && ch <= 'Z' ? 0.66 : ch >= '0' && ch <= '9' ? 0.56 : 0.52;
  }
  return t;
})();

/** Approximate width of a string in em. */
export function textWidthEm(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) w += ASCII[c];
    else if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a surrogate pair
    else if (c === 0x2014) w += 0.86; // em dash
    else w += c > 0x2e80 ? 1 : 0.52; // CJK and other full-width characters
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
