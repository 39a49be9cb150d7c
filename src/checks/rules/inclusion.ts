import { isTemplateBlock } from '../../documents/template-text';
import { hasAny, sentences } from '../text';
import type { Rule } from '../types';

const COMMUNITY = ['affected communit*', 'communities', 'community members', 'community representatives', 'residents', 'beneficiar*', 'affected people', 'people affected', 'people living with', 'lived experience', 'service users', 'local people', 'smallholders', 'households'];
const DECIDE = ['seat', 'seats', 'vote', 'votes', 'voting', 'decid*', 'decision*', 'elect*', 'co chair*', 'veto', 'approv*', 'budget authority', 'sit on', 'hold', 'holds', 'members of the board', 'member of the board', 'constituency'];
const CONSULT = ['consult*', 'inform*', 'feedback', 'listen*', 'hear*', 'survey*', 'engag*', 'input', 'advis*', 'advisory', 'sensitis*', 'sensitiz*', 'awareness'];

export const communityDecides: Rule = {
  id: 'charter/community-decides',
  description: 'Affected communities take decisions somewhere (seats, votes, budget), not only be consulted or informed.',
  appliesTo: ['hub-charter'],
  defaultSeverity: 'warning',
  docs: {
    why: 'Consultation sits low on Arnstein\u2019s ladder; hubs whose communities hold seats and decide keep legitimacy and local knowledge ([[framework:power-and-inclusion]], [[principle:leverage-bottom-up]]).',
    see: ['framework:power-and-inclusion', 'principle:leverage-bottom-up'],
    examples: [{ hub: 'global-fund', find: 'represents people living with or affected by the diseases', intro: 'The Global Fund gives people living with the diseases a voting Board delegation' }],
    good: 'Affected communities hold 3 of the 12 Board seats and co-chair the review committee.',
    bad: 'Communities will be consulted on the annual plan.',
  },
  run(ctx) {
    let consulted: { line: number } | undefined;
    for (const b of ctx.doc.blocks) {
      if (isTemplateBlock(b) || b.type === 'code' || b.type === 'heading') continue;
      for (const s of sentences(b.text)) {
        if (!hasAny(s.text, COMMUNITY)) continue;
        if (hasAny(s.text, DECIDE)) return [];
        if (!consulted && hasAny(s.text, CONSULT)) consulted = { line: b.line };
      }
    }
    return consulted ? [{ line: consulted.line, message: 'Affected communities are only consulted or informed here, never deciding: give them seats, votes or budget authority somewhere in the charter.' }] : [];
  },
};
