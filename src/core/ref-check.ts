import { findRefs, type DocRef } from './refs';
import { FenceTracker } from './scan';
import type { DocKind } from './types';

export interface RefProblem {
  ref: DocRef;
  message: string;
  suggestions: string[];
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** Closest known ids of the same kind (for "did you mean …" quick fixes). */
export function suggestIds(id: string, known: string[], max = 3): string[] {
  const within = Math.max(2, Math.floor(id.length / 3));
  return known
    // An edit distance is at least the difference in length: far longer or shorter ids are skipped
    // without comparing them letter by letter (a hostile 100 KB id costs one pass, not 40).
    .map((k) => ({ k, d: k.startsWith(id) || id.startsWith(k) ? 1 : Math.abs(k.length - id.length) > within ? within + 1 : distance(id, k) }))
    .filter((x) => x.d <= within)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((x) => x.k);
}

/**
 * The text with fenced code blocks (fence lines included) blanked out, offsets unchanged: one pass
 * over the lines with the same fence rules as every other scanner (src/core/scan.ts).
 */
export function maskFencedCode(text: string): string {
  if (!text.includes('```') && !text.includes('~~~')) return text;
  const fences = new FenceTracker();
  const out: string[] = [];
  let at = 0;
  while (at <= text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(at, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    out.push(fences.isCode(line) ? ' '.repeat(raw.length) : raw);
    if (nl < 0) break;
    at = nl + 1;
  }
  return out.join('\n');
}

/** References in a text whose ids are unknown, with suggestions. Skips fenced code. */
export function checkRefs(text: string, knownIds: (kind: DocKind) => string[]): RefProblem[] {
  return findRefs(maskFencedCode(text)).flatMap((ref) => {
    const ids = knownIds(ref.kind);
    if (ids.includes(ref.id)) return [];
    return [{ ref, message: `Unknown ${ref.kind} "${ref.id}" in the Impact Hubs knowledge base.`, suggestions: suggestIds(ref.id, ids) }];
  });
}
