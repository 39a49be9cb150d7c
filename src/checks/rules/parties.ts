import { dropParenthesised, trimTrailing } from '../../core/scan';
import type { Block } from '../../documents/markdown';
import { elementBlocks, hasAny } from '../text';
import type { Rule } from '../types';

const GENERIC = new Set(['the parties', 'parties', 'party', 'members', 'the partners', 'partners', 'legal status', 'signatories', 'party one', 'party two', 'party three']);

function cleanName(raw: string): string {
  let s = raw.trim().replace(/^(and|the founding parties are|founding parties|parties)\s+/i, '').replace(/^the\s+/i, '');
  for (const stop of [':', ' — ', ' – ', ' - ', ';']) {
    const at = s.indexOf(stop);
    if (at > 0) s = s.slice(0, at);
  }
  return trimTrailing(s, '.').trim();
}

/** The text after "parties are" / "partners:" up to the end of the sentence, if any. */
function listAfterLead(text: string): string | undefined {
  const lower = text.toLowerCase();
  for (const lead of ['parties are ', 'partners are ', 'members are ', 'signatories are ', 'parties: ', 'partners: ', 'signatories: ']) {
    const at = lower.indexOf(lead);
    if (at < 0) continue;
    const rest = text.slice(at + lead.length);
    const end = rest.search(/[.;]/);
    return (end < 0 ? rest : rest.slice(0, end)).trim();
  }
  return undefined;
}

/** Party names from the parties section: list items, table rows, or "The founding parties are A, B and C." */
export function partyNames(blocks: Block[]): { name: string; acronym?: string; line: number }[] {
  const out: { name: string; acronym?: string; line: number }[] = [];
  const add = (raw: string, line: number) => {
    const full = cleanName(raw);
    const acronym = /\(([A-Z][A-Za-z0-9&.-]{1,12})\)/.exec(full)?.[1];
    const name = dropParenthesised(full).replace(/\s+/g, ' ').trim();
    const wordCount = name.split(/\s+/).length;
    if (name.length < 2 || wordCount > 8 || !/^[\p{Lu}\d]/u.test(name) || GENERIC.has(name.toLowerCase())) return;
    if (!out.some((p) => p.name === name)) out.push({ name, acronym, line });
  };
  for (const b of blocks) {
    if (b.type === 'item') add(b.text.split(',')[0], b.line);
    else if (b.type === 'table' && b.rows && b.rows.length > 1) for (const r of b.rows.slice(1)) add(r[0] ?? '', b.line);
    else if (b.type === 'paragraph') {
      const list = listAfterLead(b.text);
      if (list) for (const part of list.split(', ').flatMap((x) => x.split(' and '))) add(part, b.line);
    }
  }
  return out;
}

function mentioned(blocks: Block[], p: { name: string; acronym?: string }): boolean {
  const text = blocks.map((b) => b.text).join('\n').toLowerCase();
  return text.includes(p.name.toLowerCase()) || (!!p.acronym && new RegExp(`\\b${p.acronym.replace(/[.&]/g, '\\$&')}\\b`).test(blocks.map((b) => b.text).join('\n')));
}

export const partyWithoutRole: Rule = {
  id: 'charter/party-without-role',
  description: 'Every named party has at least one responsibility or contribution.',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'A party that signs but owes nothing becomes a spectator; mutually reinforcing activities need every partner to do what it does best ([[framework:collective-impact]], [[principle:shared-accountability]]).',
    see: ['framework:collective-impact', 'principle:shared-accountability'],
    good: 'Parties: the Basin Authority, WaterAid, the Farmers\u2019 Union. Roles: the Basin Authority funds repairs; WaterAid trains committees; the Farmers\u2019 Union …',
    bad: 'A party listed in section 1 that appears in no role and no contribution.',
  },
  run(ctx) {
    const parties = partyNames(elementBlocks(ctx, 'parties'));
    const duties = [...elementBlocks(ctx, 'roles'), ...elementBlocks(ctx, 'resources'), ...elementBlocks(ctx, 'secretariat')];
    if (!parties.length || !duties.length || !hasAny(duties.map((b) => b.text).join(' '), ['responsib*', 'will', 'shall', 'contribut*', 'provides', 'funds', 'leads', 'runs'])) {
      return [];
    }
    return parties.filter((p) => !mentioned(duties, p)).map((p) => ({ line: p.line, message: `"${p.name}" has no responsibility or contribution: add it to Roles and responsibilities or Resources and financing.` }));
  },
};
