import { findRefs, type DocRef } from './refs';
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
  return known
    .map((k) => ({ k, d: Math.min(distance(id, k), k.startsWith(id) || id.startsWith(k) ? 1 : 99) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(id.length / 3)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((x) => x.k);
}

/** References in a text whose ids are unknown, with suggestions. Skips fenced code. */
export function checkRefs(text: string, knownIds: (kind: DocKind) => string[]): RefProblem[] {
  const masked = text.replace(/^(\s*)(```|~~~)[\s\S]*?^\s*\2/gm, (m) => m.replace(/[^\n]/g, ' '));
  return findRefs(masked).flatMap((ref) => {
    const ids = knownIds(ref.kind);
    if (ids.includes(ref.id)) return [];
    return [{ ref, message: `Unknown ${ref.kind} "${ref.id}" in the Impact Hubs knowledge base.`, suggestions: suggestIds(ref.id, ids) }];
  });
}
