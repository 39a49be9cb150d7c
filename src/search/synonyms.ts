import { stem } from './text';

/**
 * Words a policy writer uses for what the knowledge base names otherwise ("money" for funding,
 * "board" for governance), and British/American spellings that the Porter stemmer keeps apart
 * (labour, labor). Spellings whose stem collides with another word are left out (immunization
 * → immun, as immunity; organization → organ). Each group is symmetric: a query word of a
 * group also matches the group's other words, at a lower weight than the word itself, so a
 * document that uses the typed word still ranks first.
 *
 * Plain words, stemmed when the table is first used; one table for every index.
 */
const GROUPS: readonly string[][] = [
  ['money', 'funding', 'finance', 'financing', 'funds', 'budget'],
  ['cash', 'money', 'funding'],
  ['donor', 'funder', 'donors', 'pledge'],
  ['board', 'governance', 'council', 'committee'],
  ['governed', 'governance', 'board'],
  ['rules', 'standard', 'requirements'],
  ['vaccine', 'immunisation', 'vaccination'],
  ['prioritisation', 'prioritization'],
  ['labour', 'labor'],
  ['company', 'business', 'corporate', 'industry', 'private'],
  ['ngo', 'civil', 'nonprofit'],
  ['farmer', 'smallholder', 'agriculture'],
  ['toilet', 'sanitation'],
  ['kids', 'children'],
  ['slavery', 'forced', 'trafficking'],
  ['homeless', 'homelessness'],
  ['staff', 'secretariat', 'headcount'],
  ['members', 'membership', 'constituency'],
  ['evaluation', 'assessment', 'review'],
  ['kpi', 'indicator', 'metric'],
  ['electricity', 'energy'],
  ['corruption', 'transparency', 'accountability'],
];

/** How much a synonym's match counts against the typed word's own match. */
export const SYNONYM_WEIGHT = 0.6;

let table: Map<string, string[]> | undefined;

/** The stems that also answer a query stem (never the stem itself). */
export function synonymsOf(queryStem: string): string[] {
  if (!table) {
    table = new Map();
    for (const group of GROUPS) {
      const stems = [...new Set(group.map((w) => stem(w)))];
      for (const s of stems) {
        const others = table.get(s) ?? [];
        for (const o of stems) if (o !== s && !others.includes(o)) others.push(o);
        table.set(s, others);
      }
    }
  }
  return table.get(queryStem) ?? [];
}
