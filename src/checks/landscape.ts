import { recogniseCharter, type ElementId } from '../documents/charter';
import { isTemplateBlock } from '../documents/template-text';
import { ACTOR_TYPE_LABEL, mentions, normalWords, parseLandscape, type Actor, type ActorRole, type ActorType, type LandscapeMap } from '../documents/landscape';
import { parseMarkdown, type MdDoc } from '../documents/markdown';
import { splitFrontMatter } from '../core/frontmatter';
import { elementBlocks } from './text';
import type { CheckContext } from './types';

/**
 * What the landscape-map rules and the Charter Guide share: the parsed map of a check (once per
 * check), the hub's goal the initiatives are compared with, and the map compared with a charter.
 */

const maps = new WeakMap<CheckContext, LandscapeMap>();

/** The landscape map being checked, parsed once per check. */
export function mapOf(ctx: CheckContext): LandscapeMap {
  let m = maps.get(ctx);
  if (!m) maps.set(ctx, (m = parseLandscape(ctx.text)));
  return m;
}

/** 1-based line for a finding about the actors as a whole: the actors table, its section, or the first heading. */
export function actorsLine(map: LandscapeMap, ctx: CheckContext): number {
  const l = map.actorTables[0]?.line ?? map.sections.actors?.line;
  if (l !== undefined) return l + 1;
  return ctx.doc.blocks.find((b) => b.type === 'heading')?.line ?? ctx.doc.bodyLine;
}

/** The writer's text of a charter (no template guidance or prompts), as padded words. */
export function charterWords(doc: MdDoc): string {
  return ` ${doc.blocks.filter((b) => !isTemplateBlock(b) && b.type !== 'code' && b.type !== 'html').map((b) => normalWords(b.text)).join(' ')} `;
}

/**
 * The hub's goal, to compare existing initiatives with: the linked charter's "Purpose and goal",
 * else front matter `goal:`. Undefined when neither is there.
 */
export function hubGoal(ctx: CheckContext): { text: string; from: string } | undefined {
  const linked = ctx.linked.charter;
  if (linked && 'text' in linked) {
    const doc = parseMarkdown(linked.text);
    const elements = recogniseCharter(doc);
    const sub: CheckContext = { ...ctx, text: linked.text, lines: linked.text.split('\n'), doc, elements, element: (id: ElementId) => elements.find((e) => e.id === id) };
    const text = elementBlocks(sub, 'goal')
      .filter((b) => b.type !== 'heading')
      .map((b) => b.text)
      .join(' ')
      .trim();
    if (text) return { text, from: `the charter's goal (${linked.path})` };
  }
  const g = ctx.doc.data.goal;
  if (typeof g === 'string' && g.trim()) return { text: g, from: 'the goal in the front matter' };
  return undefined;
}

export interface MissingFromCharter {
  actor: Actor;
  role: ActorRole;
}

/** The map compared with a charter: who the map says must be in the charter but is not. */
export interface LandscapeLink {
  /** The front matter's `landscape:` value. */
  path: string;
  /** Why the map could not be used, when it could not. */
  error?: string;
  actors: number;
  allies: number;
  relations: number;
  /** Founding parties and board constituencies on the map that the charter does not name. */
  missing: MissingFromCharter[];
  /** Allies on the map that the charter does not mention at all. */
  alliesMissing: Actor[];
  /** Actor types on the map that the charter never mentions (by name of any actor of that type). */
  typesMissing: ActorType[];
  /** "Landscape map: 14 actors, 3 allies missing from the charter". */
  summary: string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Compares a landscape map (its text) with a parsed charter. */
export function compareWithCharter(path: string, mapText: string, charter: MdDoc): LandscapeLink {
  const map = parseLandscape(mapText);
  const words = charterWords(charter);
  const named = (a: Actor) => mentions(words, a);
  const missing: MissingFromCharter[] = [];
  for (const a of map.actors) {
    const founding = a.roles.find((r) => r.kind === 'founding-party');
    if (founding && !named(a)) {
      missing.push({ actor: a, role: founding });
      continue;
    }
    const board = a.roles.find((r) => r.kind === 'board-constituency');
    // A board constituency may appear under its constituency's name ("municipalities").
    if (board && !named(a) && !(board.label && words.includes(` ${normalWords(board.label)} `))) missing.push({ actor: a, role: board });
  }
  const allies = map.actors.filter((a) => a.stance === 'ally');
  const alliesMissing = allies.filter((a) => !named(a));
  const typesMissing = [...new Set(map.actors.map((a) => a.type).filter((t): t is ActorType => !!t))].filter((t) => !map.actors.some((a) => a.type === t && named(a)));
  const parts = [plural(map.actors.length, 'actor')];
  if (missing.length) parts.push(`${plural(missing.length, 'founding party or board constituency', 'founding parties or board constituencies')} missing from the charter`);
  parts.push(`${plural(alliesMissing.length, 'ally', 'allies')} missing from the charter`);
  return { path, actors: map.actors.length, allies: allies.length, relations: map.relations.length, missing, alliesMissing, typesMissing, summary: `Landscape map: ${parts.join(', ')}` };
}

/** The linked landscape map of a charter check, compared with the charter (undefined without a link). */
export function landscapeLink(ctx: CheckContext): LandscapeLink | undefined {
  const linked = ctx.linked.landscape;
  if (!linked) return undefined;
  if ('error' in linked) return { path: linked.path, error: linked.error, actors: 0, allies: 0, relations: 0, missing: [], alliesMissing: [], typesMissing: [], summary: `Landscape map: ${linked.path} cannot be read (${linked.error})` };
  return compareWithCharter(linked.path, linked.text, ctx.doc);
}

/** 1-based line of a front-matter field (`landscape:`), or the first line. */
export function frontMatterLine(text: string, field: string): number {
  try {
    return splitFrontMatter(text).lineOf([field]);
  } catch {
    return 1;
  }
}

export function typeName(t: ActorType): string {
  return ACTOR_TYPE_LABEL[t].toLowerCase();
}

export function roleName(r: ActorRole): string {
  return r.kind === 'founding-party' ? 'a founding party' : `a board constituency${r.label ? ` (${r.label})` : ''}`;
}
