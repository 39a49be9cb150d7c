/**
 * Generated landscape maps for the bench and the tests: `n` actors with every type, level and
 * stance, about 1.5 relations per actor (funds, partners with, regulates, …) and a few initiatives.
 * Deterministic (a fixed linear congruential generator).
 */
const TYPES = ['government', 'multilateral', 'business', 'civil society', 'community', 'philanthropy', 'research'];
const LEVELS = ['high', 'medium', 'low'];
const STANCES = ['ally', 'neutral', 'opponent'];
const VERBS = ['funds', 'partners with', 'competes with', 'regulates', 'advises', 'represents', 'supplies', 'reports to'];
const WORDS = ['River', 'Valley', 'Delta', 'North', 'Coastal', 'Highland', 'United', 'Open', 'Clean', 'Rural', 'Urban', 'Green'];
const KINDS = ['Authority', 'Council', 'Network', 'Trust', 'Foundation', 'Institute', 'Cooperative', 'Alliance', 'Agency', 'Union', 'Company', 'Fund'];

export function benchMap(n: number, relationsPerActor = 1.5): string {
  let seed = 11;
  const rand = (k: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    // The high bits: the low bits of this generator repeat with a short period.
    return Math.floor((seed / 0x80000000) * k);
  };
  const names = Array.from({ length: n }, (_, i) => `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} ${KINDS[(i * 5) % KINDS.length]} ${i + 1}`);
  const rows = names.map((name, i) => `| ${name} | ${TYPES[i % TYPES.length]} | ${LEVELS[rand(3)]} | ${LEVELS[rand(3)]} | ${STANCES[rand(3)]} | Works on water in district ${i % 12} | ${i % 9 === 0 ? 'Founding party; board constituency' : i % 5 === 0 ? 'Partner' : '—'} |`);
  const relations: string[] = [];
  for (let i = 0; i < Math.round(n * relationsPerActor); i++) {
    const a = rand(n);
    let b = rand(n);
    if (b === a) b = (a + 1) % n;
    relations.push(`- ${names[a]} ${VERBS[rand(VERBS.length)]} ${names[b]}`);
  }
  const initiatives = Array.from({ length: Math.max(3, Math.round(n / 10)) }, (_, i) => `| Programme ${i + 1} | Safe water for ${1000 * (i + 1)} people in district ${i % 12} by 2030 | ${i % 3 ? 'Complements it' : ''} |`);
  return [
    '---',
    'type: landscape-map',
    `hub: Bench hub ${n}`,
    'needs: [government, community]',
    '---',
    '',
    `# Bench hub ${n} — Landscape Map`,
    '',
    '## 1. Problem and scope of the map',
    '',
    'About 1 million people lack safe water (bench, 2026).',
    '',
    '## 2. Actors',
    '',
    '| Actor | Type | Power | Interest | Stance | Already does | Role in the hub |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '## 3. Relations',
    '',
    ...relations,
    '',
    '## 4. Existing initiatives',
    '',
    '| Initiative | Goal | Relation to the hub |',
    '|---|---|---|',
    ...initiatives,
    '',
  ].join('\n');
}
