import { CHARTER, type Section as OutlineSection } from '../core/outlines';
import { headingWords, sectionSpan, type MdDoc } from './markdown';
import { isTemplateBlock } from './template-text';

/**
 * Recognises the elements of a hub charter (outline A) in any governance document — ours, or a
 * real charter, terms of reference or MoU that says "Voting", "The Board" or "Term of this MoU" —
 * from its headings and its content, and says where each was found.
 *
 * How: every heading is reduced to its words (numbering such as "Article 5" or "5.2" dropped) and
 * compared with each element's heading phrases; every paragraph, list item and table outside the
 * templates' guidance is compared with the element's content phrases (strong ones count 2, weak
 * ones 1). An element is present with a matching heading, or with content worth 2 or more.
 * Phrases are whole words; a trailing `*` matches word beginnings (`withdraw*` → withdrawal).
 */

export const ELEMENT_IDS = ['parties', 'problem', 'goal', 'scope', 'theory-of-change', 'measurement', 'membership', 'governance', 'decisions', 'roles', 'secretariat', 'resources', 'accountability', 'conflicts', 'inclusion', 'review', 'exit'] as const;
export type ElementId = (typeof ELEMENT_IDS)[number];

interface ElementDef {
  id: ElementId;
  label: string;
  /** Heading phrases (besides the outline section's own title). */
  headings: string[];
  /** Content phrases worth 2. */
  strong: string[];
  /** Content phrases worth 1. */
  weak: string[];
}

export const ELEMENTS: readonly ElementDef[] = [
  {
    id: 'parties',
    label: 'Parties and legal status',
    headings: ['parties', 'party', 'signatories', 'signatory', 'founding members', 'founders', 'legal status', 'establishment', 'recitals', 'preamble', 'current membership', 'execution'],
    strong: ['the parties', 'this agreement', 'this memorandum', 'memorandum of understanding', 'signator*', 'undersigned', 'legally binding', 'non binding', 'binding agreement', 'hereinafter', 'entered into', 'is established by', 'was established by', 'was instituted', 'were instituted', 'legal entity', 'legal capacity', 'notary', 'founding members', 'founding parties', 'is part of the', 'is a project of', 'sub committee of', 'subcommittee of', 'standing committee of', 'approved by the', 'adopted by the', 'under the auspices'],
    weak: ['the partners', 'on behalf of', 'establish*'],
  },
  {
    id: 'problem',
    label: 'Problem statement and context',
    headings: ['background', 'context', 'problem', 'problem statement', 'rationale', 'the challenge', 'challenges', 'the need', 'situation analysis', 'why'],
    strong: ['the problem', 'root cause*', 'there is a need', 'is needed because', 'baseline', 'in response to', 'according to requirement'],
    weak: ['challenge*', 'gap*', 'currently', 'already meet', 'lack of'],
  },
  {
    id: 'goal',
    label: 'Purpose and goal',
    headings: ['purpose', 'purposes', 'mission', 'mission statement', 'goal', 'goals', 'objective*', 'aim*', 'vision', 'north star', 'terms of reference'],
    strong: ['mission is', 'our mission', 'the mission', 'purpose of', 'purpose is', 'the goal', 'our goal', 'goal is', 'objective*', 'aims to', 'aim is', 'seeks to', 'intended to', 'is to create', 'vision is', 'will be to'],
    weak: ['in order to', 'mission', 'purpose'],
  },
  {
    id: 'scope',
    label: 'Scope and boundaries',
    headings: ['scope', 'boundaries', 'term', 'term of this', 'term of the agreement', 'duration', 'coverage', 'applicability', 'remit', 'in scope', 'out of scope', 'name location and duration', 'commencement', 'term and termination'],
    strong: ['in scope', 'out of scope', 'outside the scope', 'scope of', 'for a period of', 'in effect for', 'remain in effect', 'indefinite period', 'effective date', 'time bound', 'is responsible for all', 'responsible for contributing to', 'focal areas', 'focal sectors', 'final say', 'does not cover'],
    weak: ['scope', 'remit', 'commence*'],
  },
  {
    id: 'theory-of-change',
    label: 'Theory of change',
    headings: ['theory of change', 'strategy', 'approach', 'methodology', 'how we work', 'pathways', 'logic model', 'purpose and methodology', 'means', 'activities'],
    strong: ['theory of change', 'achieve its goal by', 'achieve its purpose by', 'seeks to drive', 'by fostering', 'logic model', 'pathway*', 'will achieve this by', 'technology demonstration'],
    weak: ['strategy', 'strategic', 'so that'],
  },
  {
    id: 'measurement',
    label: 'Shared measurement',
    headings: ['indicators', 'measurement', 'shared measurement', 'monitoring', 'evaluation', 'monitoring and evaluation', 'metrics', 'targets', 'kpi*', 'results framework', 'performance'],
    strong: ['indicator*', 'kpi*', 'metric*', 'baseline', 'monitoring and evaluation', 'assess* effectiveness', 'intended results', 'progress and accomplishments', 'measure* progress', 'results framework'],
    weak: ['target*', 'monitor*', 'evaluat*', 'measur*'],
  },
  {
    id: 'membership',
    label: 'Membership and constituencies',
    headings: ['membership', 'members', 'member', 'constituencies', 'constituency', 'composition', 'eligibility', 'admission', 'participants', 'current membership', 'who can join'],
    strong: ['membership', 'members shall', 'member of the', 'eligib*', 'admission', 'admitted', 'constituenc*', 'shall consist of', 'will consist of', 'consists of', 'composed of', 'comprised of', 'shall comprise', 'new members', 'become a member'],
    weak: ['members', 'appoint*', 'nominat*'],
  },
  {
    id: 'governance',
    label: 'Governance structure',
    headings: ['governance', 'board', 'governing board', 'board of directors', 'steering committee', 'steering group', 'council', 'committee', 'structure', 'organs', 'officers', 'chair', 'chairs', 'leadership', 'governing body', 'general assembly', 'elections', 'election'],
    strong: ['board of directors', 'governing board', 'steering committee', 'steering group', 'general assembly', 'co chair*', 'chairperson', 'seats', 'term of office', 'elected', 'shall be elected', 'governing body'],
    weak: ['board', 'council', 'committee', 'chair', 'chairs'],
  },
  {
    id: 'decisions',
    label: 'Decision-making',
    headings: ['decision making', 'decisions', 'decision', 'voting', 'votes', 'vote', 'quorum', 'resolutions', 'meetings and decisions', 'decision process'],
    strong: ['quorum', 'majority', 'consensus', 'two thirds', 'unanim*', 'casting vote', 'veto', 'votes', 'voting', 'tie break*', 'tiebreak*'],
    weak: ['vote', 'motion', 'decid*', 'decision*'],
  },
  {
    id: 'roles',
    label: 'Roles and responsibilities',
    headings: ['roles', 'responsibilities', 'roles and responsibilities', 'duties', 'functions', 'tasks', 'mandate', 'role', 'powers'],
    strong: ['responsible for', 'responsibilities', 'shall be responsible', 'will be responsible', 'duties', 'the role of', 'roles', 'tasks of', 'functions of', 'is accountable for'],
    weak: ['role', 'tasks', 'functions', 'shall'],
  },
  {
    id: 'secretariat',
    label: 'Secretariat or host',
    headings: ['secretariat', 'backbone', 'host', 'hosting', 'staff', 'staffing', 'administration', 'administrative support', 'administrative support group', 'executive director', 'secretary', 'support unit'],
    strong: ['secretariat', 'executive director', 'backbone', 'administrative support', 'support unit', 'hosted by', 'host organi*', 'chief executive', 'project director', 'tech team', 'secretary provided', 'staff of', 'staff will', 'foundation staff'],
    weak: ['staff', 'secretary', 'host'],
  },
  {
    id: 'resources',
    label: 'Resources and financing',
    headings: ['resources', 'funding', 'finance', 'finances', 'financial', 'budget', 'budgets', 'fees', 'dues', 'contributions', 'costs', 'expenses', 'membership dues', 'financial year', 'resources and financing', 'technical resources'],
    strong: ['budget*', 'funding', 'fees', 'dues', 'in kind', 'reimburs*', 'remunerat*', 'financial', 'expenses', 'fundrais*', 'funds', 'costs', 'provides appropriate resources', 'financial contribution*', 'cash'],
    weak: ['fund', 'finance*', 'cost', 'pay*', 'contribution*', 'resources'],
  },
  {
    id: 'accountability',
    label: 'Accountability, transparency and reporting',
    headings: ['reporting', 'transparency', 'accountability', 'audit', 'reports', 'annual report', 'minutes', 'records', 'publication', 'reporting to the board', 'communication', 'communications'],
    strong: ['publish*', 'publicly', 'public record', 'transparen*', 'audit*', 'minutes', 'annual report', 'accountab*', 'openly', 'open meetings', 'made public', 'report to', 'reports to', 'will report'],
    weak: ['report*', 'public', 'records'],
  },
  {
    id: 'conflicts',
    label: 'Conflicts of interest and safeguards',
    headings: ['conflict of interest', 'conflicts of interest', 'ethics', 'integrity', 'recusal', 'declarations of interest', 'declaration of interests', 'safeguards', 'conflicts of interest and safeguards'],
    strong: ['conflict of interest', 'conflicts of interest', 'recus*', 'declare any interest', 'declaration of interest', 'declarations of interest', 'related compan*', 'personal capacity', 'vendor neutral', 'operate neutrally'],
    weak: ['neutral*', 'impartial*', 'conflict*', 'abstain'],
  },
  {
    id: 'inclusion',
    label: 'Inclusion and community voice',
    headings: ['inclusion', 'diversity', 'community voice', 'participation', 'equity', 'inclusion and community voice', 'community', 'stakeholders', 'participants forum'],
    strong: ['inclusi*', 'diversity', 'diverse', 'underrepresented', 'under represented', 'gender', 'affected communit*', 'affected populations', 'key affected', 'lived experience', 'representation of', 'community feedback', 'members of the community', 'member of the community', 'participants forum', 'regardless of', 'voice of', 'stakeholder groups', 'developing countr*', 'living with'],
    weak: ['community', 'stakeholder*', 'participat*'],
  },
  {
    id: 'review',
    label: 'Review and amendment',
    headings: ['review', 'amendment', 'amendments', 'changes', 'changes to this charter', 'revision', 'revisions', 'modification', 'modifications', 'amendment of the articles', 'refactoring or reforming', 'updates', 'review and amendment', 'amending this charter'],
    strong: ['amend*', 'modify these', 'modify this', 'modification of', 'changes to this', 'updated as needed', 'review this charter', 'reviewed every', 'reviewed annually', 'next review', 'revised', 'reviewed and updated', 'may be changed'],
    weak: ['review*', 'revis*', 'modif*'],
  },
  {
    id: 'exit',
    label: 'Exit, transition and dissolution',
    headings: ['withdrawal', 'termination', 'dissolution', 'sunset', 'exit', 'resignation', 'removal', 'expulsion', 'term and termination', 'liquidation', 'end of membership', 'dissolution and liquidation', 'exit transition and dissolution', 'vacancies'],
    strong: ['withdraw*', 'terminat*', 'dissol*', 'sunset', 'wind up', 'winding up', 'resign*', 'expel*', 'expulsion', 'liquidat*', 'removed by', 'may be removed', 'hand over', 'handover'],
    weak: ['remov*', 'cease*', 'end of'],
  },
];

/** Where an element stands in a document. */
export type ElementStatus = 'written' | 'empty' | 'missing';

export interface ElementFinding {
  id: ElementId;
  label: string;
  status: ElementStatus;
  /** 1-based line where it was found (heading, or the first telling sentence). */
  line?: number;
  via?: 'heading' | 'content';
  /** Every line that speaks to the element. */
  lines: number[];
}

const OUTLINE_TITLE = new Map<ElementId, string>(CHARTER.sections.filter((s) => (ELEMENT_IDS as readonly string[]).includes(s.id)).map((s) => [s.id as ElementId, s.title]));

/** Padded lower-case words of a text (" a b c "), for whole-word phrase tests; the last 2,000 texts are kept (the recogniser and the rules read the same blocks). */
const wordCache = new Map<string, string>();

export function wordString(text: string): string {
  let w = wordCache.get(text);
  if (w === undefined) {
    w = asciiWords(text) ?? ` ${(text.toLowerCase().normalize('NFKD').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
    if (wordCache.size > 2000) wordCache.clear();
    wordCache.set(text, w);
  }
  return w;
}

/** `wordString` for ASCII text in one pass over its lower case (most charters); undefined for any other text. */
function asciiWords(text: string): string | undefined {
  const lower = text.toLowerCase();
  let out = ' ';
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (c >= 128) return undefined;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out += `${lower.slice(start, i)} `;
      start = -1;
    }
  }
  return out;
}
const words = wordString;

const phraseCache = new Map<string, { needle: string; prefix: boolean }>();

/** A phrase as a padded word string, computed once (phrases are constants). */
function compiled(phrase: string): { needle: string; prefix: boolean } {
  let c = phraseCache.get(phrase);
  if (!c) {
    const prefix = phrase.endsWith('*');
    const w = words(prefix ? phrase.slice(0, -1) : phrase);
    c = { needle: prefix ? w.trimEnd() : w, prefix };
    phraseCache.set(phrase, c);
  }
  return c;
}

/** Whether the padded word string contains the phrase (whole words; `*` = word beginning). */
export function hasPhrase(padded: string, phrase: string): boolean {
  return padded.includes(compiled(phrase).needle);
}

interface ContentPhrase {
  element: ElementId;
  phrase: string;
  needle: string;
  worth: number;
}

/** Every content phrase, indexed by its first word (exact phrases) or first three letters (`word*`). */
const PHRASES = (() => {
  const exact = new Map<string, ContentPhrase[]>();
  const prefix = new Map<string, ContentPhrase[]>();
  for (const e of ELEMENTS) {
    for (const [list, worth] of [[e.strong, 2], [e.weak, 1]] as const) {
      for (const phrase of list) {
        const c = compiled(phrase);
        const first = c.needle.trim().split(' ')[0];
        const entry: ContentPhrase = { element: e.id, phrase, needle: c.needle, worth };
        // A one-word beginning ("withdraw*") is found by its first three letters; any other phrase
        // by its first whole word ("co chair*" by "co").
        const byBeginning = c.prefix && !c.needle.trim().includes(' ');
        const map = byBeginning ? prefix : exact;
        const key = byBeginning ? first.slice(0, 3) : first;
        map.set(key, [...(map.get(key) ?? []), entry]);
      }
    }
  }
  return { exact, prefix };
})();

const headingPhrases = new Map<ElementId, string[]>(ELEMENTS.map((e) => [e.id, [...e.headings, ...(OUTLINE_TITLE.has(e.id) ? [OUTLINE_TITLE.get(e.id)!] : [])].map((h) => words(h).trim())]));

/** The element a heading names, if any (the whole heading must be one of the element's headings). */
const headingCache = new Map<string, ElementId | null>();

export function elementOfHeading(text: string): ElementId | undefined {
  let id = headingCache.get(text);
  if (id === undefined) {
    id = headingElement(text) ?? null;
    if (headingCache.size > 5000) headingCache.clear();
    headingCache.set(text, id);
  }
  return id ?? undefined;
}

function headingElement(text: string): ElementId | undefined {
  const hw = headingWords(text);
  if (!hw) return undefined;
  for (const e of ELEMENTS) if (headingPhrases.get(e.id)!.includes(hw)) return e.id;
  // Compound headings such as "Membership and constituencies" or "Voting and quorum": the first
  // matching phrase at the start of the heading wins.
  for (const e of ELEMENTS) if (headingPhrases.get(e.id)!.some((p) => p.length >= 5 && (hw.startsWith(`${p} `) || hw.endsWith(` ${p}`)))) return e.id;
  return undefined;
}

/** Recognises every element of outline A in a parsed document. */
export function recogniseCharter(doc: MdDoc): ElementFinding[] {
  const found = new Map<ElementId, ElementFinding>();
  const titleIndex = doc.sections.findIndex((s) => s.heading?.level === 1);
  const multipleH1 = doc.sections.filter((s) => s.heading?.level === 1).length > 1;
  // 1. Headings.
  doc.sections.forEach((s, i) => {
    if (!s.heading || (i === titleIndex && !multipleH1)) return;
    const id = elementOfHeading(s.heading.text);
    if (!id) return;
    const span = sectionSpan(doc, i);
    const content = span.flatMap((x) => x.blocks).some((b) => !isTemplateBlock(b) && b.text.trim() !== '') || span.length > 1;
    const f = found.get(id);
    const status: ElementStatus = content ? 'written' : 'empty';
    if (!f) found.set(id, { id, label: labelOf(id), status, line: s.heading.line, via: 'heading', lines: [s.heading.line] });
    else {
      f.lines.push(s.heading.line);
      if (status === 'written' && f.status !== 'written') Object.assign(f, { status, line: s.heading.line });
    }
  });
  // 2. Content (outside the templates' guidance and prompts).
  const score = new Map<ElementId, { points: number; first?: number; lines: number[]; seen: Set<string> }>();
  for (const b of doc.blocks) {
    // Headings were read in step 1; content is what the writer wrote under them.
    if (b.type === 'code' || b.type === 'html' || b.type === 'heading' || isTemplateBlock(b)) continue;
    const text = words(b.text);
    if (text.trim() === '') continue;
    // Only phrases whose first word (or its beginning) occurs in the block are tested.
    const hits = new Map<ElementId, number>();
    const tested = new Set<ContentPhrase>();
    for (const w of text.trim().split(' ')) {
      for (const cands of [PHRASES.exact.get(w), PHRASES.prefix.get(w.slice(0, 3))]) {
        for (const c of cands ?? []) {
          if (tested.has(c)) continue;
          tested.add(c);
          const sc = score.get(c.element);
          if (sc?.seen.has(c.phrase) || !text.includes(c.needle)) continue;
          const entry = sc ?? { points: 0, lines: [], seen: new Set<string>() };
          entry.seen.add(c.phrase);
          score.set(c.element, entry);
          hits.set(c.element, (hits.get(c.element) ?? 0) + c.worth);
        }
      }
    }
    for (const [id, add] of hits) {
      const sc = score.get(id)!;
      sc.points += add;
      sc.lines.push(b.line);
      if (sc.first === undefined && add >= 2) sc.first = b.line;
    }
  }
  for (const e of ELEMENTS) {
    const sc = score.get(e.id);
    const f = found.get(e.id);
    if (f) {
      // A section with a heading is judged by its own text (step 1); other mentions are only listed.
      if (sc) f.lines.push(...sc.lines);
      continue;
    }
    if (sc && sc.points >= 2) found.set(e.id, { id: e.id, label: e.label, status: 'written', line: sc.first ?? sc.lines[0], via: 'content', lines: sc.lines });
  }
  return ELEMENT_IDS.map((id) => {
    const f = found.get(id);
    if (!f) return { id, label: labelOf(id), status: 'missing', lines: [] };
    f.lines = [...new Set(f.lines)].sort((a, b) => a - b);
    return f;
  });
}

function labelOf(id: ElementId): string {
  return ELEMENTS.find((e) => e.id === id)!.label;
}

/** The outline section that writes an element (every element has one). */
export function sectionForElement(id: ElementId): OutlineSection | undefined {
  return CHARTER.sections.find((s) => s.id === id);
}
