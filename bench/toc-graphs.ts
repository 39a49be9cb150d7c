/**
 * Generated theories of change for the bench and the tests: `benchToc(n)` has n boxes (the goal,
 * outcomes nested three to a parent, one intervention per five boxes, an explicit link per seven
 * outcomes, indicators and assumptions), written in the notation, deterministic.
 */
export function benchToc(n: number): string {
  const interventions = Math.max(1, Math.round(n / 5));
  const outcomes = Math.max(1, n - 1 - interventions);
  const children = new Map<number, number[]>();
  for (let i = 1; i <= outcomes; i++) {
    const parent = Math.floor((i - 1) / 3);
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(i);
  }
  const depth = new Map<number, number>([[0, 0]]);
  const lines = ['---', 'type: theory-of-change', '---', '', `# Bench theory of change (${n} boxes)`, '', '## 2. Long-term goal', '', `By 2030, ${n * 1000} people in the bench region have safe water all year round.`, '', '## 3. Outcomes pathway', ''];
  const write = (parent: number, indent: string) => {
    for (const i of children.get(parent) ?? []) {
      depth.set(i, (depth.get(parent) ?? 0) + 1);
      lines.push(`${indent}- Outcome ${i}: district ${i} has working water committees that meet every month. {#x${i}}`);
      if (i % 2 === 0) lines.push(`${indent}  - Indicator: committees in district ${i}; target ${50 + (i % 40)}%; by 2028 (baseline 10%, source district reports)`);
      if (i % 3 === 0) lines.push(`${indent}  - Assumption: District ${i} keeps its budget for water.`);
      write(i, `${indent}  `);
    }
  };
  write(0, '');
  lines.push('', '## 4. Causal links and rationales', '');
  for (let i = 7; i <= outcomes; i += 7) {
    // From a deeper outcome to a shallower one: never a cycle.
    const target = Math.max(1, Math.floor(i / 5));
    if ((depth.get(target) ?? 0) < (depth.get(i) ?? 0) && Math.floor((i - 1) / 3) !== target) lines.push(`- x${i} → x${target}: because district ${i} shows district ${target} what works.`);
  }
  lines.push('', '## 6. Interventions', '');
  for (let k = 1; k <= interventions; k++) {
    const a = 1 + ((k * 7) % outcomes);
    const b = 1 + ((k * 13) % outcomes);
    lines.push(`- Partner ${k} trains and funds committees → x${a}${a !== b ? `, x${b}` : ''}`);
  }
  return lines.join('\n') + '\n';
}
