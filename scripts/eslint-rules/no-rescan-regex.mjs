// @ts-check
/**
 * ESLint rule `impact-hubs/no-rescan-regex`: a regex that is tried at every position of a text and
 * whose unbounded quantifier can run over its own opening characters rescans the rest of the text
 * from each of them — quadratic time on a line of `[^[^[^…` or `](](](…`. eslint-plugin-regexp's
 * `no-super-linear-move` finds such moves for one repeated character; this heuristic adds the
 * multi-character openings (`\[\^…`, `\]\(…`).
 *
 * Flagged: an alternative that is not anchored (`^` without the m flag, or the y flag), in which
 * every literal character before an unbounded quantifier is matched by that quantifier, and
 * something after the quantifier can still fail.
 */
import { RegExpParser } from '@eslint-community/regexpp';

/** @param {any} el @returns {any[]} the element, or the elements of a one-alternative group, in order */
function flatten(el) {
  if ((el.type === 'Group' || el.type === 'CapturingGroup') && el.alternatives.length === 1) return el.alternatives[0].elements.flatMap(flatten);
  return [el];
}

/**
 * Why a regex rescans, or undefined.
 * @param {string} pattern
 * @param {string} flags
 * @returns {string | undefined}
 */
export function rescanReason(pattern, flags) {
  if (flags.includes('y')) return undefined;
  let ast;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
  } catch {
    return undefined;
  }
  const testFlags = flags.replace(/[gy]/g, '');
  for (const alt of ast.alternatives) {
    const els = alt.elements.flatMap(flatten);
    if (els[0]?.type === 'Assertion' && els[0].kind === 'start' && !flags.includes('m')) continue;
    /** @type {string[]} */
    const opening = [];
    for (let i = 0; i < els.length; i++) {
      const el = els[i];
      if (el.type === 'Character') {
        opening.push(String.fromCodePoint(el.value));
        continue;
      }
      if (el.type !== 'Quantifier' || el.max !== Infinity || opening.length === 0) continue;
      if (!['CharacterClass', 'CharacterSet', 'Character'].includes(el.element.type)) continue;
      let set;
      try {
        set = new RegExp(`^(?:${el.element.raw})$`, testFlags);
      } catch {
        continue;
      }
      const canFailAfter = els.slice(i + 1).some((e) => !(e.type === 'Quantifier' && e.min === 0));
      if (canFailAfter && opening.every((c) => set.test(c))) {
        return `'${el.raw}' also matches its opening '${opening.join('')}', so a text of repeated openings is rescanned from each of them (quadratic)`;
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow regexes that rescan the rest of the text from every repetition of their opening' },
    schema: [],
    messages: { rescan: 'Quadratic regex: {{reason}}. Scan with src/core/scan.ts instead.' },
  },
  create(context) {
    return {
      Literal(node) {
        const re = /** @type {{ regex?: { pattern: string; flags: string } }} */ (node).regex;
        if (!re) return;
        const reason = rescanReason(re.pattern, re.flags);
        if (reason) context.report({ node, messageId: 'rescan', data: { reason } });
      },
    };
  },
};

export default { rules: { 'no-rescan-regex': rule } };
