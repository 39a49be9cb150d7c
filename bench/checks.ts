/**
 * Checks in `npm run bench`: a 700-line and a 5,000-line charter through every rule, against
 * markdownlint (its default rules) on the same documents in the same run.
 */
import { CHARTER } from '../src/core/outlines';
import { checkDocument } from '../src/checks/runner';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * A realistic charter: every outline section with prose, lists and a table, about `lines` long.
 * Every paragraph, item and row carries `salt` and its own number, so no two blocks are the same
 * and a different salt gives a document whose text no cache has seen.
 */
export function generateCharter(lines: number, salt = ''): string {
  const out = ['---', 'type: hub-charter', 'hub: Riverlands Safe Water Hub', 'status: draft', '---', '', '# Riverlands Safe Water Hub — Charter', ''];
  const perSection = Math.max(8, Math.floor((lines - out.length) / CHARTER.sections.length));
  CHARTER.sections.forEach((s, i) => {
    out.push(`## ${i + 1}. ${s.title}`, '');
    let n = 2;
    let k = 0;
    while (n < perSection) {
      const which = k++ % 4;
      const tag = `${salt}${i + 1}.${k}`;
      if (which === 0) {
        out.push(`The ${s.title.toLowerCase()} of the hub follow what the founding parties agreed in 2025 (clause ${tag}): the Provincial Water Authority, the Association of Municipalities and WaterWorks Cooperative each name one lead, meet every quarter and report to the Steering Board by 30 June each year.`, '');
        n += 2;
      } else if (which === 1) {
        out.push(`- Provincial Water Authority: regulation, quality standards and subsidy data (${tag}).`, `- Municipalities: scheme ownership and tariff setting (${tag}).`, `- WaterWorks Cooperative: operation and maintenance of 1,200 village schemes (${tag}).`, '');
        n += 4;
      } else if (which === 2) {
        out.push('| Party | Cash | In kind |', '|---|---|---|', `| Water Authority | US$ 200,000 a year | two staff (${tag}) |`, `| Delta University | — | data analysis (${tag}) |`, '');
        n += 5;
      } else {
        out.push(`> Note ${tag}: see [[hub:gavi]] and [[principle:narrow-goal]] for how others wrote this; the partners will revisit it by 31 December 2027.`, '');
        n += 2;
      }
    }
  });
  return out.join('\n');
}

export async function benchChecks(): Promise<void> {
  // markdownlint is ESM-only; a variable keeps TypeScript's CommonJS resolution out of it.
  const specifier = 'markdownlint/sync';
  const { lint } = (await import(specifier)) as { lint: (o: { strings: Record<string, string> }) => Record<string, unknown[]> };
  const rows: string[] = [];
  for (const size of [700, 5000]) {
    const n = generateCharter(size).split('\n').length;
    // Cold: every run checks a document no cache has seen (a file opened for the first time).
    // Warm: the same document again after a one-word edit (what the editor does while you type).
    const cold: number[] = [];
    const warm: number[] = [];
    const peer: number[] = [];
    let findings = 0;
    let lintFindings = 0;
    for (let i = 0; i < 25; i++) {
      const text = generateCharter(size, `r${i}-`);
      let t = performance.now();
      findings = checkDocument(text, { today: '2026-11-29' }).findings.length;
      cold.push(performance.now() - t);
      const edited = text.replace('founding parties agreed', 'founding partners agreed');
      t = performance.now();
      checkDocument(edited, { today: '2026-11-29' });
      warm.push(performance.now() - t);
      t = performance.now();
      lintFindings = lint({ strings: { charter: text } }).charter.length;
      peer.push(performance.now() - t);
    }
    const c = median(cold.slice(5));
    const w = median(warm.slice(5));
    const p = median(peer.slice(5));
    rows.push(`  ${String(n).padStart(5)}-line charter   checks ${c.toFixed(2)} ms first time, ${w.toFixed(2)} ms after an edit (${findings} findings)   markdownlint ${p.toFixed(2)} ms (${lintFindings} findings)   ratio ${(c / p).toFixed(2)}   target ${size === 700 ? '≤ 10 ms and ≤ 0.2 × markdownlint' : '≤ 50 ms'}`);
  }
  console.log(`\nChecks (all ${'rules'} of src/checks, one markdown-it parse) against markdownlint 0.40 (default rules), same documents, same run:`);
  rows.forEach((r) => console.log(r));
}
