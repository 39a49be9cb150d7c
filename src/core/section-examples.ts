/**
 * "How a real hub did it": for every section of the charter, theory-of-change and landscape-map outlines, one or
 * two sentences from the case studies in knowledge/hubs/. Each example names a hub and a phrase
 * copied exactly from its case study; `findQuote` (./examples) resolves the phrase to the cited
 * sentence that is shown to the writer, so nothing here paraphrases the evidence. Failures and
 * criticism are included where they teach more than success. A section with no sentence in the
 * knowledge base that really illustrates it has an empty list (see SECTIONS_WITHOUT_EXAMPLES)
 * rather than a forced example. A unit test keeps every phrase resolvable and cited.
 */

import { findQuote, type Quote } from './examples';
import { outlineFor, type DocType, type Section } from './outlines';
import type { KnowledgeDoc } from './types';

export interface SectionExample {
  /** Hub id (file name in knowledge/hubs/ without .md). */
  hub: string;
  /** 3–10 words copied exactly from the case study's body; locates the quoted sentence. */
  find: string;
  /** One short line saying what the example shows. */
  intro: string;
}

/** Sections for which the knowledge base has no sentence that really illustrates them. */
export const SECTIONS_WITHOUT_EXAMPLES: Record<DocType, string[]> = {
  'hub-charter': [],
  'theory-of-change': ['diagram'],
  'landscape-map': [],
};

export const SECTION_EXAMPLES: Record<DocType, Record<string, SectionExample[]>> = {
  'hub-charter': {
    parties: [
      { hub: 'unitaid', find: 'created by an agreement between WHO', intro: 'Unitaid was founded by an agreement between five states and its host' },
      { hub: 'icoca', find: 'An intergovernmental text, launched by Switzerland', intro: 'The Montreux Document names who launched it and says it does not bind' },
    ],
    problem: [
      { hub: 'gavi', find: 'nearly 30 million children were not fully immunised', intro: 'Gavi started from a quantified gap between poor and rich countries' },
      { hub: 'pathfinders', find: "two-thirds of the world's population, lack meaningful", intro: 'Pathfinders put a number on the justice gap' },
    ],
    goal: [
      { hub: 'grow-asia', find: 'reach 10 million smallholder farmers by 2020', intro: 'Grow Asia named who, how many, how much and by when' },
      { hub: 'agra', find: 'The target against which AGRA is usually judged', intro: 'AGRA is judged against its boldest target, which it missed' },
    ],
    scope: [
      { hub: 'cepi', find: 'without taking on a normative role', intro: 'CEPI was told to stay out of rule-making and to fill gaps' },
      { hub: 'unitaid', find: 'a single-country project is', intro: 'Unitaid rules single-country projects out' },
    ],
    'theory-of-change': [
      { hub: 'global-fund', find: 'money was the missing piece', intro: 'The Global Fund bet on one pathway and one assumption' },
      { hub: 'gavi', find: 'pairs a partnership model', intro: 'Gavi names its two pathways' },
    ],
    measurement: [
      { hub: 'community-solutions', find: 'Each community keeps a real-time list', intro: 'Built for Zero communities keep one list of every person, updated monthly' },
      { hub: 'sun-movement', find: 'annual multi-stakeholder Joint Assessment', intro: 'SUN countries assess progress together every year' },
    ],
    principles: [
      { hub: 'gpe', find: 'Countries commit to sound sector plans', intro: 'GPE turns its principles into commitments by countries and donors' },
      { hub: 'swa', find: 'every partner, not only governments, tables', intro: 'SWA makes mutual accountability a duty of every partner' },
    ],
    membership: [
      { hub: 'ogp', find: 'needs 75% of the applicable points', intro: 'OGP scores countries before they may join' },
      { hub: 'fsc', find: 'two letters of support from existing members', intro: 'FSC lists what an organisation must send to join' },
    ],
    governance: [
      { hub: 'cgiar', find: 'up to 20 voting members, of whom', intro: "CGIAR's System Council: seats per constituency, chosen by each constituency" },
      { hub: 'stop-tb', find: 'An independent committee chose the new members', intro: 'Stop TB fills Board seats through an independent committee, for three-year terms' },
    ],
    decisions: [
      { hub: 'eiti', find: 'at least half of all Members', intro: "The EITI's quorum needs a third of each constituency" },
      { hub: 'fsc', find: 'absence of sustained opposition', intro: 'FSC defines what consensus means' },
    ],
    roles: [
      { hub: 'gpei', find: 'WHO is "The Strategist"', intro: 'GPEI gives each core partner one role' },
      { hub: 'global-fund', find: 'are selected competitively, usually one per country', intro: 'The Global Fund says what its verifiers must not do' },
    ],
    secretariat: [
      { hub: 'stop-tb', find: 'decided to move the Secretariat to UNOPS', intro: 'Stop TB moved its secretariat to a host suited to its grant and procurement work' },
      { hub: 'gavi', find: 'staff in Geneva, Washington DC and New York fell', intro: "Gavi's secretariat shrank by a third after one weak replenishment" },
    ],
    resources: [
      { hub: 'ogp', find: 'sliding-scale dues for governments', intro: 'OGP set dues by income level' },
      { hub: 'eiti', find: 'governments and companies each paid about 50%', intro: 'EITI found voluntary contributions unpredictable' },
    ],
    accountability: [
      { hub: 'ogp', find: 'Action Plan Review within four months', intro: "OGP's independent reviewer reports on a fixed timetable" },
      { hub: 'agra', find: 'first promised and then refused to share', intro: "AGRA's monitoring data came out only through freedom-of-information requests" },
    ],
    conflicts: [
      { hub: 'icoca', find: 'the Board gives the three pillars equal seats', intro: 'ICoCA depends on dues from the companies it oversees' },
      { hub: 'seforall', find: 'raises conflict-of-interest questions', intro: 'SEforALL has been chaired by energy-company chief executives' },
    ],
    inclusion: [
      { hub: 'stop-tb', find: 'build delegations with work plans and budgets', intro: 'Stop TB funds community and NGO delegations to its Board' },
      { hub: 'gpei', find: 'Affected countries hold no POB seat', intro: "Affected countries have no seat on GPEI's oversight board" },
    ],
    learning: [
      { hub: 'sun-movement', find: 'created in September 2015, after the Independent', intro: 'SUN changed its structure after an independent evaluation' },
      { hub: 'gpei', find: 'not wholly open to critical voices', intro: "GPEI's monitor found a programme nervous about bad news" },
    ],
    disputes: [
      { hub: 'eiti', find: 'a nomination dispute is settled first', intro: 'EITI escalates nomination disputes in two steps' },
      { hub: 'fsc', find: 'Complaints go first to the certification body', intro: 'FSC routes complaints from the certifier to the accreditation body' },
    ],
    review: [
      { hub: 'cgiar', find: 'amendments to the Framework and Charter need', intro: 'CGIAR needs three bodies to agree a rule change' },
      { hub: 'fsc', find: 'Each motion needs one proposer and two seconders', intro: 'FSC amendments come as motions that need backers from all three chambers' },
    ],
    exit: [
      { hub: 'gavi', find: 'time-limited and catalytic', intro: 'Gavi phases country support out over about five years' },
      { hub: 'gpei', find: 'folding the surveillance and laboratory network', intro: "GPEI's assets pass to WHO as eradication nears" },
    ],
    annexes: [
      { hub: 'cepi', find: 'access policy a "startling reversal"', intro: "CEPI's access policy dropped commitments on pricing and intellectual property" },
      { hub: 'fsc', find: 'FSC Mix products contain at least 70%', intro: 'FSC sets rules for the use of its label' },
    ],
    signatures: [{ hub: 'cgiar', find: 'signed by their board chairs', intro: "CGIAR's integration agreement was signed by every centre's board chair" }],
  },
  'theory-of-change': {
    context: [
      { hub: 'community-solutions', find: 'homelessness persists because', intro: 'Built for Zero names a root cause' },
      { hub: 'geapp', find: 'energy-poor countries emit 25% of CO2', intro: 'GEAPP quantified the gap it was set up to close' },
    ],
    goal: [
      { hub: 'stop-tb', find: 'cut TB deaths by 90%', intro: 'The End TB targets say what change, how much and by when' },
      { hub: 'agroecology-india', find: 'The 2018 aim of all farmers by 2024', intro: "Andhra Pradesh's all-farmers target slipped and was restated" },
    ],
    outcomes: [
      { hub: 'agra', find: 'The implied logic is that better inputs', intro: "AGRA's implied chain from better inputs to food security" },
      { hub: 'eiti', find: 'summed this up in 2019 as', intro: 'The EITI sums up its pathway in three steps' },
    ],
    links: [
      { hub: 'ogp', find: 'involving civil society predicts', intro: 'OGP found evidence for its key link' },
      { hub: 'geapp', find: 'lowers investment risk and attracts', intro: 'GEAPP says why grant money draws in lenders' },
    ],
    assumptions: [
      { hub: 'gpei', find: "success depends on countries' political will", intro: 'The polio resolution named its assumptions' },
      { hub: 'agroecology-india', find: 'called ZBNF an "unproven" technology', intro: 'Natural farming rests on a contested assumption about yields' },
    ],
    interventions: [
      { hub: 'agroecology-india', find: 'one farmer trainer per 100 farmers', intro: 'Andhra Pradesh spreads natural farming from farmer to farmer' },
      { hub: 'alliance-8-7', find: 'produces a roadmap with priorities', intro: 'Alliance 8.7 countries assign actions and budgets in a roadmap' },
    ],
    indicators: [
      { hub: 'community-solutions', find: 'or else 3 people or 0.1%', intro: 'Built for Zero sets a threshold for "done"' },
      { hub: 'geapp', find: 'that figure includes projects still under design', intro: "GEAPP's 240 million people include projects still being designed" },
    ],
    narrative: [
      { hub: 'seforall', find: 'governments set priorities and policy frameworks', intro: 'SEforALL tells its model in one sentence' },
      { hub: 'gpe', find: 'national plans, donor alignment and pooled grants', intro: "GPE's theory of change in plain words" },
    ],
    diagram: [],
    quality: [
      { hub: 'eiti', find: 'still largely without an explicit and proven theory', intro: 'After two decades, the EITI still lacks a proven theory of change' },
      { hub: 'cgiar', find: 'impact evidence that "cherry picked"', intro: "CGIAR's funders questioned evidence built from successes only" },
    ],
    participation: [
      { hub: 'stop-tb', find: 'drawn mainly from high-burden countries', intro: 'Stop TB drafted its plan with affected communities' },
      { hub: 'seforall', find: 'led by a "hand-picked" group', intro: "SEforALL's founding group was criticised as hand-picked" },
    ],
    review: [
      { hub: 'race-to-zero', find: 'strengthens the Starting Line each year', intro: 'Race to Zero has outside experts review its criteria every year' },
      { hub: 'ogp', find: 'The successes are not yet adding up', intro: "OGP's strategy review admitted its results were not adding up" },
    ],
  },
  'landscape-map': {
    problem: [
      { hub: 'pathfinders', find: 'first estimate of the global justice gap', intro: 'Pathfinders measured the justice gap before setting its agenda' },
      { hub: 'grow-asia', find: 'ran a land scoping study in 2018', intro: 'Grow PNG scoped the field before it was set up' },
    ],
    actors: [
      { hub: 'pathfinders', find: 'acts as a bridge between governments', intro: 'Pathfinders names the kinds of actor it brings together' },
      { hub: 'gavi', find: 'calls the Gates Foundation the', intro: 'One funder can weigh more than the rest of the table' },
    ],
    relations: [
      { hub: 'pathfinders', find: 'It complements the Global Alliance for Reporting', intro: 'Pathfinders says how it relates to two peer platforms' },
      { hub: 'gavi', find: 'Muraskin argues GAVI failed to balance', intro: "Gavi's relations with countries were criticised as top-down" },
    ],
    initiatives: [
      { hub: 'alliance-8-7', find: 'mapped existing supply-chain initiatives', intro: 'An Alliance 8.7 group mapped the initiatives already at work' },
      { hub: 'icoca', find: 'complementary to, and not duplicative of', intro: 'ICoCA states its relation to existing standards' },
    ],
    power: [
      { hub: 'global-fund', find: 'Aidspan asks whether the participation of civil society', intro: "Civil society's voice in Global Fund country bodies is at risk" },
      { hub: 'gavi', find: 'calls the Gates Foundation the', intro: 'Researchers describe one funder as dominant in Gavi' },
    ],
    gap: [
      { hub: 'cepi', find: 'on what others are not', intro: 'CEPI was told to fill the gaps others leave' },
      { hub: 'gpe', find: 'asks whether GPE duplicates the World Bank', intro: 'GPE is asked whether it duplicates its own host' },
    ],
    review: [
      { hub: 'unitaid', find: 'areas of potential overlap or competition', intro: "Unitaid's Board had its overlap with peers mapped again in 2025" },
      { hub: 'gpei', find: 'mapped polio assets in 16 priority countries', intro: 'GPEI mapped its assets again when planning its exit' },
    ],
  },
};

/** The examples of one outline section ([] when there is none). */
export function sectionExamples(type: DocType, sectionId: string): SectionExample[] {
  return SECTION_EXAMPLES[type][sectionId] ?? [];
}

/** An example resolved to the case study's cited sentence. */
export interface CitedExample extends Quote {
  intro: string;
}

/** Examples resolved against the knowledge base; one whose phrase is no longer there is dropped. */
export function citeExamples(list: readonly SectionExample[], docs: KnowledgeDoc[]): CitedExample[] {
  return list.flatMap((e) => {
    const q = findQuote(docs, e.hub, e.find);
    return q ? [{ ...q, intro: e.intro }] : [];
  });
}

/** Everything the writer is shown about one outline section where the cursor is. */
export interface SectionHelp {
  type: DocType;
  section: Section;
  /** 1-based place in the outline, and the outline's length. */
  number: number;
  of: number;
  examples: CitedExample[];
}

export function sectionHelp(type: DocType, sectionId: string, docs: KnowledgeDoc[]): SectionHelp | undefined {
  const outline = outlineFor(type);
  const i = outline.sections.findIndex((s) => s.id === sectionId);
  if (i < 0) return undefined;
  return { type, section: outline.sections[i], number: i + 1, of: outline.sections.length, examples: citeExamples(sectionExamples(type, sectionId), docs) };
}
