/**
 * The charter (outline A, 22 sections), theory-of-change (outline B, 12 sections) and landscape
 * map (outline C, 7 sections) outlines: the single source of truth for templates, snippets and
 * Insert Section. Guiding questions follow ../shared/research/frameworks.md; each section links
 * the knowledge-base pages behind it.
 */

export type DocType = 'hub-charter' | 'theory-of-change' | 'landscape-map';

/** An example from a real hub, resolved from the case study's front matter (so it stays cited). */
export interface ExampleRef {
  hub: string;
  field: 'goal' | 'governance' | 'funding' | 'secretariat' | 'founded' | 'legal_form';
  intro: string;
}

export interface Section {
  id: string;
  title: string;
  /** One line: what the section is for (QuickPick description, snippet description). */
  purpose: string;
  /** Guiding questions, short. */
  questions: string[];
  /** The writer's placeholder (a prompt in italics in the template). */
  placeholder: string;
  /** Snippet body lines after the heading; `${n:…}` tab stops and `${n|a,b|}` choices allowed. */
  snippet: string[];
  /** Knowledge-base references shown as "See …". */
  see: string[];
  example?: ExampleRef;
  /** Plain Markdown the template puts under the prompt (a table header to fill in), if any. */
  starter?: string[];
}

export interface Outline {
  type: DocType;
  name: string;
  snippetPrefix: string;
  sections: Section[];
}

export const CHARTER: Outline = {
  type: 'hub-charter',
  name: 'Hub charter',
  snippetPrefix: 'hub-',
  sections: [
    {
      id: 'parties',
      title: 'Parties and legal status',
      purpose: 'Who the founding parties are and whether the charter binds them',
      questions: ['Who are the founding parties?', 'Is this a non-binding charter or MoU, or a binding agreement?'],
      placeholder: 'List the founding parties and state the legal status of this charter.',
      snippet: ['The founding parties are ${1:party one}, ${2:party two} and ${3:party three}.', '', 'This charter is ${4|a non-binding statement of shared intent,a memorandum of understanding,a binding agreement|}.'],
      see: ['framework:partnership-agreements', 'principle:work-through-governments'],
    },
    {
      id: 'problem',
      title: 'Problem statement and context',
      purpose: 'The problem, for whom, what the data say, and who already acts on it',
      questions: ['What is the problem, and for whom?', 'What do the data say (a baseline with its source and date)?', 'Who else is already acting on it?'],
      placeholder: 'Describe the problem with at least one quantified baseline and its source.',
      snippet: ['${1:Number} ${2:people or places} are affected by ${3:the problem} (${4:source}, ${5:year}).', '', 'Others already acting: ${6:programmes and organisations}.'],
      see: ['principle:map-the-landscape', 'principle:know-when-not-to-create'],
    },
    {
      id: 'goal',
      title: 'Purpose and goal',
      purpose: 'The single narrow, measurable goal: what changes, for whom, by when',
      questions: ['What one measurable change will exist when the hub succeeds?', 'For whose benefit?', 'By when?'],
      placeholder: 'By <date>, <number> <population> will <measurable change>.',
      snippet: ['By ${1:31 December 2030}, ${2:number} ${3:people or places} will ${4:measurable change}.'],
      see: ['principle:narrow-goal', 'framework:smart-goals-logframes'],
      example: { hub: 'gavi', field: 'goal', intro: "Gavi's goal for 2026–2030" },
    },
    {
      id: 'scope',
      title: 'Scope and boundaries',
      purpose: 'What is in and out of scope, and how long the charter runs',
      questions: ['What is in scope (issue, geography, population)?', 'What is explicitly out of scope?', 'When does the charter start, and when is it reviewed or ended?'],
      placeholder: 'List what is in scope and out of scope; give a start date and a review or end date.',
      snippet: ['In scope: ${1:issue, geography, population}.', '', 'Out of scope: ${2:what the hub will not do}.', '', 'The charter runs from ${3:start date} to ${4:end or review date}.'],
      see: ['principle:avoid-spreading-thin'],
    },
    {
      id: 'theory-of-change',
      title: 'Theory of change',
      purpose: 'The main pathways to the goal and the most critical assumptions',
      questions: ['What are the two or three main pathways to the goal?', 'Which assumptions are most critical?'],
      placeholder: 'Summarise the pathways and link the full theory of change.',
      snippet: ['Main pathways: ${1:pathway one}; ${2:pathway two}.', '', 'Most critical assumption: ${3:assumption}.', '', 'Full theory of change: [${4:theory-of-change.md}](${4:theory-of-change.md}).'],
      see: ['principle:clear-theory-of-change', 'framework:theory-of-change'],
    },
    {
      id: 'measurement',
      title: 'Shared measurement',
      purpose: 'The few indicators every partner reports the same way',
      questions: ['Which few indicators will all partners report the same way?', 'Who holds the data, and how often is it reported?', 'Which indicator is disaggregated (sex, income, place)?'],
      placeholder: 'For each indicator give baseline, target, date, data source and frequency.',
      snippet: ['| Indicator | Baseline | Target | By | Source | Frequency |', '|---|---|---|---|---|---|', '| ${1:indicator} | ${2:baseline} | ${3:target} | ${4:date} | ${5:source} | ${6|monthly,quarterly,annually|} |'],
      see: ['framework:collective-impact', 'framework:smart-goals-logframes', 'principle:align-corporate-incentives'],
    },
    {
      id: 'principles',
      title: 'Principles',
      purpose: 'How equity, transparency and mutual benefit show up in behaviour',
      questions: ['Which principles will partners hold each other to?', 'What behaviour or commitment shows each principle?'],
      placeholder: 'State each principle with at least one behaviour or commitment.',
      snippet: ['- **${1:Equity}:** ${2:what partners commit to do}.', '- **${3:Transparency}:** ${4:what partners commit to do}.'],
      see: ['framework:partnership-agreements'],
    },
    {
      id: 'membership',
      title: 'Membership and constituencies',
      purpose: 'Which sectors and constituencies are members, entry criteria and obligations',
      questions: ['Which constituencies are members (states, NGOs, business, universities, communities)?', 'Which constituency represents affected communities or implementers?', 'What are the entry criteria and obligations?'],
      placeholder: 'List the constituencies, entry criteria and members\u2019 obligations.',
      snippet: ['Members sit in ${1:number} constituencies: ${2:list}.', '', 'New members join by ${3:decision of whom, on what criteria}.'],
      see: ['framework:power-and-inclusion', 'principle:leverage-bottom-up', 'principle:value-for-members', 'principle:guard-against-self-interest'],
    },
    {
      id: 'governance',
      title: 'Governance structure',
      purpose: 'Bodies, seats per constituency, selection, terms and independent members',
      questions: ['What bodies exist (board, councils, secretariat, committees)?', 'How many seats does each constituency hold, and who chooses its representatives?', 'What are the terms, rotation rules and independent seats?'],
      placeholder: 'Describe each body, its seats per constituency, how members are chosen and their terms.',
      snippet: ['A ${1:Steering Board} of ${2:number} seats: ${3:seats per constituency}.', '', 'Each constituency chooses its own representatives for ${4:number}-year terms, renewable ${5|once,twice,without limit|}.'],
      see: ['principle:steer-not-control', 'framework:power-and-inclusion', 'principle:work-through-governments'],
      example: { hub: 'gavi', field: 'governance', intro: "Gavi's Board" },
    },
    {
      id: 'decisions',
      title: 'Decision-making',
      purpose: 'What needs consensus or a vote; quorum, thresholds, tie-break, vetoes',
      questions: ['Which decisions need consensus, which a vote, which are delegated?', 'What are the quorum, the voting threshold and the tie-break?', 'Does anyone hold a veto, and over what?'],
      placeholder: 'State the quorum, the voting threshold, the tie-break and any veto with its scope.',
      snippet: ['Quorum: ${1:share of seats}. Decisions by ${2|consensus,two-thirds majority,simple majority|}; if no consensus, ${3:fallback}.', '', 'Tie-break: ${4:rule}. Vetoes: ${5:none, or who and over what}.'],
      see: ['framework:partnership-agreements', 'principle:guard-against-self-interest'],
    },
    {
      id: 'roles',
      title: 'Roles and responsibilities',
      purpose: 'What each partner commits to do, and who performs the backbone functions',
      questions: ['What does each partner commit to do, building on what it does best?', 'Which backbone functions does the secretariat perform, and which are shared?'],
      placeholder: 'Give every party at least one responsibility; assign the backbone functions.',
      snippet: ['- ${1:Partner}: ${2:responsibility}.', '- Secretariat: ${3:backbone functions it performs}.'],
      see: ['framework:collective-impact', 'principle:small-secretariat'],
    },
    {
      id: 'secretariat',
      title: 'Secretariat and host',
      purpose: 'Who runs the hub day to day, who hosts it, and which backbone functions it performs',
      questions: ['Is there a secretariat or backbone organisation, and who hosts it?', 'How large is it, and which of the six backbone functions does it perform?', 'To whom does it report?'],
      placeholder: 'Name the secretariat or host, its size, and the backbone functions it performs.',
      snippet: ['The secretariat is hosted by ${1:host organisation} in ${2:place}, with ${3:number} staff.', '', 'It ${4:guides vision and strategy, supports aligned activities, establishes shared measurement, builds public will, advances policy and mobilises funding} and reports to ${5:the Board}.'],
      see: ['principle:small-secretariat', 'framework:collective-impact'],
      example: { hub: 'gavi', field: 'secretariat', intro: "Gavi's secretariat" },
    },
    {
      id: 'resources',
      title: 'Resources and financing',
      purpose: 'Cash and in-kind contributions, and funding for the collaboration itself',
      questions: ['What does each partner contribute, in cash and in kind?', 'Is the collaboration itself (the secretariat) funded, and by whom?'],
      placeholder: 'List each party\u2019s contribution (even if zero) and the budget for coordination.',
      snippet: ['| Party | Cash | In kind |', '|---|---|---|', '| ${1:party} | ${2:amount} | ${3:contribution} |', '', 'Coordination budget: ${4:amount per year}, funded by ${5:whom}.'],
      see: ['principle:shared-accountability', 'principle:value-for-members'],
      example: { hub: 'global-fund', field: 'funding', intro: "The Global Fund's funding model" },
    },
    {
      id: 'accountability',
      title: 'Accountability, transparency and reporting',
      purpose: 'What is published, to whom, how often, and how affected people hold the hub to account',
      questions: ['What is published, to whom, and how often?', 'How can affected people hold the hub to account?'],
      placeholder: 'State the reporting frequency and what is disclosed publicly.',
      snippet: ['The hub publishes ${1:what} ${2|monthly,quarterly,annually|} on ${3:where}.'],
      see: ['principle:shared-accountability', 'principle:align-corporate-incentives'],
    },
    {
      id: 'conflicts',
      title: 'Conflicts of interest and safeguards',
      purpose: 'How interests are declared and managed, and when members recuse themselves',
      questions: ['How are commercial and other interests declared and managed?', 'When must members recuse themselves?'],
      placeholder: 'State the conflict-of-interest policy and the recusal rule.',
      snippet: ['Members declare ${1:interests} ${2|on joining and annually,before each meeting|}. A member with an interest in a decision ${3:recuses itself from the vote}.'],
      see: ['principle:power-and-incentives', 'principle:guard-against-self-interest'],
    },
    {
      id: 'inclusion',
      title: 'Inclusion and community voice',
      purpose: 'Whether affected communities decide, or are only consulted',
      questions: ['Do affected communities hold seats, budget authority, or only a consultation role?', 'Which rung of Arnstein\u2019s ladder do they reach?'],
      placeholder: 'Say where affected communities take decisions, not only where they are consulted.',
      snippet: ['Affected communities hold ${1:number} seats on ${2:body} and decide ${3:what}.'],
      see: ['framework:power-and-inclusion', 'principle:leverage-bottom-up'],
    },
    {
      id: 'learning',
      title: 'Communication and learning',
      purpose: 'Meeting rhythm, and how learning feeds back into strategy and the theory of change',
      questions: ['How often do the bodies meet?', 'How is learning fed back into the strategy and the theory of change?'],
      placeholder: 'State the meeting frequency and the learning and review cycle.',
      snippet: ['The ${1:Board} meets ${2|monthly,quarterly,twice a year|}. Each ${3:year} a learning review updates the theory of change.'],
      see: ['framework:theory-of-change'],
    },
    {
      id: 'disputes',
      title: 'Risk, disputes and grievances',
      purpose: 'How disagreements escalate and how outsiders raise grievances',
      questions: ['How are disagreements escalated (at least two steps)?', 'Is there a grievance channel for people outside the hub?'],
      placeholder: 'Describe the escalation steps and the grievance channel.',
      snippet: ['1. ${1:Partners try to resolve the matter between them within 30 days}.', '2. ${2:The chair mediates}.', '3. ${3:An independent mediator decides}.', '', 'Grievances from outside the hub: ${4:channel}.'],
      see: ['framework:partnership-agreements'],
    },
    {
      id: 'review',
      title: 'Review and amendment',
      purpose: 'When the charter is revisited, who can propose changes, what majority is needed',
      questions: ['When is the charter next reviewed?', 'Who can propose amendments, and what majority adopts them?'],
      placeholder: 'Give the next review date and the amendment rule.',
      snippet: ['Next review: ${1:date}. Any ${2:party} may propose amendments; they are adopted by ${3|consensus,a two-thirds majority|}.'],
      see: ['framework:partnership-agreements', 'principle:know-when-not-to-create'],
    },
    {
      id: 'exit',
      title: 'Exit, transition and dissolution',
      purpose: 'How partners withdraw and when the hub declares success and hands over',
      questions: ['How does a partner withdraw, with what notice?', 'When does the hub declare success and sunset or hand over?', 'What happens to assets and data?'],
      placeholder: 'State the withdrawal notice, the success or sunset condition, and the handover of assets and data.',
      snippet: ['A party may withdraw with ${1:number} months\u2019 written notice.', '', 'The hub ends when ${2:the goal metric is reached or a date}; its ${3:assets and data} go to ${4:whom}.'],
      see: ['principle:narrow-goal', 'framework:partnership-agreements', 'principle:know-when-not-to-create'],
    },
    {
      id: 'annexes',
      title: 'Legal and operational annexes',
      purpose: 'Intellectual property, data sharing, confidentiality, branding',
      questions: ['Who owns what the hub produces?', 'How is data shared and protected?', 'How may partners use the hub\u2019s name and logo?'],
      placeholder: 'Cover each topic or mark it "not applicable".',
      snippet: ['- Intellectual property: ${1:rule}.', '- Data sharing: ${2:rule}.', '- Confidentiality: ${3:rule}.', '- Branding and logo use: ${4:rule}.'],
      see: ['framework:partnership-agreements'],
    },
    {
      id: 'signatures',
      title: 'Signatures and date',
      purpose: 'One signature line per founding party, and a date',
      questions: ['Has every party in section 1 a signature line?'],
      placeholder: 'Add one signature line per party and the date.',
      snippet: ['| Party | Name and role | Signature | Date |', '|---|---|---|---|', '| ${1:party} | ${2:name, role} | | ${3:date} |'],
      see: [],
    },
  ],
};

export const THEORY_OF_CHANGE: Outline = {
  type: 'theory-of-change',
  name: 'Theory of change',
  snippetPrefix: 'toc-',
  sections: [
    {
      id: 'context',
      title: 'Context and problem analysis',
      purpose: 'The problem, its root causes, the other actors and who holds power',
      questions: ['What is the current state of the problem and its root causes?', 'Which other actors influence it, and who holds power over it?'],
      placeholder: 'Describe the problem, its causes, and the actors and power around it.',
      snippet: ['${1:The problem} persists because ${2:root causes}.', '', 'Other actors: ${3:who}. Power over the problem: ${4:who decides}.'],
      see: ['principle:map-the-landscape', 'principle:power-and-incentives'],
    },
    {
      id: 'goal',
      title: 'Long-term goal',
      purpose: 'The impact: what change, for whom, by how much, by when',
      questions: ['What change, for whom, by how much, by when?', 'Does it match the charter\u2019s goal word for word?'],
      placeholder: 'By <date>, <number> <population> will <measurable change>.',
      snippet: ['By ${1:date}, ${2:number} ${3:population} will ${4:measurable change}.'],
      see: ['principle:narrow-goal', 'framework:theory-of-change'],
      example: { hub: 'community-solutions', field: 'goal', intro: "Built for Zero's goal" },
    },
    {
      id: 'outcomes',
      title: 'Outcomes pathway',
      purpose: 'The preconditions, mapped backwards from the goal',
      questions: ['What must be true just before the goal is reached? And just before that?', 'Are the preconditions together necessary and sufficient?'],
      placeholder: 'List outcomes as changed states (not activities), nested under what they lead to; a child is a precondition of its parent, top-level outcomes lead to the goal. Add {#id} to refer to an outcome by name (otherwise o1, o2, … in order).',
      snippet: ['- ${1:Outcome as a changed state} {#${2:o1}\\}', '  - ${3:Precondition of that outcome} {#${4:o2}\\}', '    - Indicator: population ${5:who}; target ${6:how many}; by ${7:when}', '    - Assumption: ${8:condition that must hold}'],
      see: ['framework:theory-of-change'],
    },
    {
      id: 'links',
      title: 'Causal links and rationales',
      purpose: 'Why each step leads to the next ("if … then … because …")',
      questions: ['For each arrow, why does A lead to B?', 'Can the chain be read aloud as "if … then … because …"?'],
      placeholder: 'Write each link as "o2 → o1: because <rationale>" (ids from the outcomes pathway; -> works too). A link that nesting already shows gets the rationale; a new one adds an arrow.',
      snippet: ['- ${1:o2} → ${2:o1}: because ${3:rationale}.'],
      see: ['framework:theory-of-change'],
    },
    {
      id: 'assumptions',
      title: 'Assumptions and external factors',
      purpose: 'Conditions that must hold, their evidence and their risk',
      questions: ['Which conditions must already hold, and what is the evidence?', 'Which lie outside the hub\u2019s control, and which would break the theory if wrong?'],
      placeholder: 'For each pathway, list assumptions with evidence (or "untested") and a risk rating; start each with the id of the outcome it supports ("o2: …"). Without an id it applies to the whole theory.',
      snippet: ['- ${1:o2}: ${2:Assumption} (evidence: ${3:evidence or untested}; risk: ${4|low,medium,high|}).'],
      see: ['framework:theory-of-change'],
    },
    {
      id: 'interventions',
      title: 'Interventions',
      purpose: 'Which partner does what to bring about each outcome',
      questions: ['Which partner does what to bring about each outcome?', 'Do the interventions play to each partner\u2019s strengths?'],
      placeholder: 'Name the responsible partner and what it does, then → the ids of the outcomes it contributes to (e.g. "→ o2, o3").',
      snippet: ['- ${1:Partner} ${2:does what} → ${3:o2}'],
      see: ['framework:collective-impact'],
    },
    {
      id: 'indicators',
      title: 'Indicators',
      purpose: 'Who changes, how many, how much is good enough, by when',
      questions: ['Who is changing, and how many?', 'How much is good enough (threshold), and by when?', 'What is the baseline, and where does the data come from?'],
      placeholder: 'Give each outcome an indicator with population, target, threshold and timeline; start it with the outcome\u2019s id ("o2: …"), or nest "- Indicator: …" under the outcome.',
      snippet: ['- ${1:o2}: population ${2:who}; target ${3:number}; threshold ${4:how much is good enough}; by ${5:date} (baseline ${6:value}, source ${7:source}).'],
      see: ['framework:smart-goals-logframes', 'framework:theory-of-change'],
    },
    {
      id: 'narrative',
      title: 'Narrative',
      purpose: 'The logic in plain prose a newcomer can follow',
      questions: ['Can a newcomer follow the logic in plain prose?', 'Does it mention every pathway by name?'],
      placeholder: 'Tell the story of the theory of change in a few paragraphs.',
      snippet: ['${1:We believe that …}'],
      see: ['framework:theory-of-change'],
    },
    {
      id: 'diagram',
      title: 'Diagram',
      purpose: 'The whole picture at a glance, detail on demand',
      questions: ['Can the whole picture be read at a glance?', 'Should it be split into linked sub-diagrams (more than about 25 boxes)?'],
      placeholder: 'Impact Hubs: Show Theory of Change Diagram draws the goal, outcomes, interventions, indicators and assumptions written above; export it (SVG, PNG, Mermaid) and link it here.',
      snippet: ['![${1:Theory of change diagram}](${2:theory-of-change.svg})'],
      see: ['framework:theory-of-change'],
    },
    {
      id: 'quality',
      title: 'Quality self-check',
      purpose: 'Is it plausible, doable, testable and meaningful?',
      questions: ['Is it plausible, doable, testable and meaningful?', 'Would it pass an evaluability review?'],
      placeholder: 'Answer each criterion in a sentence, not just a tick.',
      snippet: ['- Plausible: ${1:why}.', '- Doable: ${2:why}.', '- Testable: ${3:why}.', '- Meaningful: ${4:why}.'],
      see: ['framework:theory-of-change'],
    },
    {
      id: 'participation',
      title: 'Participation and ownership',
      purpose: 'Who built this theory, and whether affected people took part',
      questions: ['Who built this theory?', 'Were affected people and local actors involved? If not, why not?'],
      placeholder: 'List contributors, including affected-community participants.',
      snippet: ['Built by ${1:who}, with ${2:affected-community participants} in ${3:workshops, dates}.'],
      see: ['framework:power-and-inclusion', 'principle:leverage-bottom-up'],
    },
    {
      id: 'review',
      title: 'Learning and review plan',
      purpose: 'When the theory is revisited, by whom, with what evidence',
      questions: ['When will the theory be revisited, and by whom?', 'Using what evidence?'],
      placeholder: 'Give the next review date (within 12 months) and its owner.',
      snippet: ['Next review: ${1:date}, led by ${2:owner}, using ${3:evidence}.'],
      see: ['framework:theory-of-change'],
    },
  ],
};

/** Short theory-of-change element snippets (a goal, an outcome, an indicator with its four parts, …). */
export const TOC_ELEMENTS: { id: string; name: string; description: string; body: string[] }[] = [
  { id: 'goal', name: 'Long-term goal', description: 'The impact: what change, for whom, how much, by when', body: ['**Goal:** By ${1:date}, ${2:number} ${3:population} will ${4:measurable change}.'] },
  { id: 'outcome', name: 'Outcome', description: 'A precondition, phrased as a changed state (not an activity); nest it under what it leads to', body: ['- **Outcome:** ${1:who or what} ${2|is,has,can|} ${3:changed state}. {#${4:o1}\\}'] },
  { id: 'output', name: 'Output', description: 'What an intervention delivers directly, nested under the outcome it serves', body: ['- Output: ${1:what is delivered, how many}'] },
  { id: 'intervention', name: 'Intervention', description: 'What a partner does, and the ids of the outcomes it contributes to', body: ['- ${1:Partner} ${2:does what} → ${3:o1}'] },
  { id: 'indicator', name: 'Indicator (four parts)', description: 'Population, target, threshold and timeline of an indicator, nested under its outcome', body: ['- Indicator: population ${1:who}; target ${2:how many}; threshold ${3:how much is good enough}; by ${4:when} (baseline ${5:value}, source ${6:source}).'] },
  { id: 'assumption', name: 'Assumption', description: 'A condition that must hold, with evidence and risk, nested under its outcome', body: ['- Assumption: ${1:condition} (evidence: ${2:evidence or untested}; risk: ${3|low,medium,high|}).'] },
  { id: 'link', name: 'Causal link with rationale', description: 'Why one step leads to the next: o2 → o1: because …', body: ['- ${1:o1} → ${2:goal}: because ${3:rationale}.'] },
];

export const LANDSCAPE_MAP: Outline = {
  type: 'landscape-map',
  name: 'Landscape map',
  snippetPrefix: 'map-',
  sections: [
    {
      id: 'problem',
      title: 'Problem and scope of the map',
      purpose: 'The problem the hub would address, for whom, with a baseline, and what this map covers',
      questions: ['What is the problem, for whom, and what is the baseline (with its source and date)?', 'Which place, sector and period does this map cover?'],
      placeholder: 'State the problem with a baseline and its source; say which place and period the map covers.',
      snippet: ['${1:The problem} affects ${2:number} ${3:people or places} (${4:source}, ${5:year}).', '', 'This map covers ${6:place and sector}, as of ${7:date}.'],
      see: ['principle:map-the-landscape', 'principle:know-when-not-to-create'],
    },
    {
      id: 'actors',
      title: 'Actors',
      purpose: 'Everyone who shapes the problem or lives with it: type, power, interest, stance, what each already does and its role in the hub',
      questions: ['Who decides the outcome today, who funds, who implements, and who is affected?', 'How much power and interest does each have, and is it an ally, neutral or an opponent?', 'Which of them are founding parties or board constituencies of the hub?'],
      placeholder: 'One row per actor. Type: government, multilateral, business, civil society, community, philanthropy or research. Power and interest: high, medium or low. Stance: ally, neutral or opponent. Write "founding party" or "board constituency" in the role of those who must appear in the charter.',
      snippet: ['| Actor | Type | Power | Interest | Stance | Already does | Role in the hub |', '|---|---|---|---|---|---|---|', '| ${1:name} | ${2|government,multilateral,business,civil society,community,philanthropy,research|} | ${3|high,medium,low|} | ${4|high,medium,low|} | ${5|ally,neutral,opponent|} | ${6:what it already does} | ${7:founding party, board constituency, partner or none} |'],
      see: ['principle:map-the-landscape', 'framework:power-and-inclusion', 'principle:work-through-governments'],
      starter: ['| Actor | Type | Power | Interest | Stance | Already does | Role in the hub |', '|---|---|---|---|---|---|---|'],
    },
    {
      id: 'relations',
      title: 'Relations',
      purpose: 'Who funds, partners with, competes with, regulates or represents whom',
      questions: ['Where does money flow, and who regulates whom?', 'Who already works together, and who competes?'],
      placeholder: 'One relation per line, naming actors exactly as in the table: "- A funds B", "- A partners with B", "- A competes with B", "- A regulates B" (also advises, represents, supplies, reports to, opposes).',
      snippet: ['- ${1:actor} ${2|funds,partners with,competes with,regulates,advises,represents,supplies,reports to,opposes|} ${3:actor}'],
      see: ['principle:map-the-landscape', 'principle:power-and-incentives'],
    },
    {
      id: 'initiatives',
      title: 'Existing initiatives',
      purpose: 'Programmes already working on the same problem, their goals, and how the hub relates to each',
      questions: ['Which programmes, networks or platforms already work on this problem, and what is each one’s goal?', 'Will the hub complement, coordinate with, join or replace each of them?'],
      placeholder: 'One row per initiative: its name, its goal, and the hub’s relation to it (complements, coordinates with, joins, replaces).',
      snippet: ['| Initiative | Goal | Relation to the hub |', '|---|---|---|', '| ${1:name} | ${2:its goal} | ${3|complements,coordinates with,joins,replaces|} ${4:how} |'],
      see: ['principle:know-when-not-to-create', 'principle:map-the-landscape'],
      starter: ['| Initiative | Goal | Relation to the hub |', '|---|---|---|'],
    },
    {
      id: 'power',
      title: 'Power and voice',
      purpose: 'Who decides the outcome today, and who is affected but absent from the table',
      questions: ['Who decides the outcome today, and through which body or budget?', 'Who is affected but unheard, and how will the hub give them a say?'],
      placeholder: 'Say who holds power over the problem and who is affected but absent, and how the hub will change that.',
      snippet: ['Today ${1:who} decides ${2:what}. ${3:Affected people} are affected but absent; the hub will ${4:give them seats, votes or budget}.'],
      see: ['framework:power-and-inclusion', 'principle:power-and-incentives', 'principle:leverage-bottom-up'],
    },
    {
      id: 'gap',
      title: 'Gap and allies',
      purpose: 'What the hub will do that no existing actor or initiative does, and the allies to approach first',
      questions: ['In one sentence, what will the hub do that none of them does?', 'Which allies will you approach first, and which opponents need attention?'],
      placeholder: 'State the gap in one sentence, then name the first allies and the opponents to engage.',
      snippet: ['Gap: ${1:what no one does yet}.', '', 'First allies: ${2:actors}. Opponents to engage: ${3:actors}.'],
      see: ['principle:know-when-not-to-create', 'principle:map-the-landscape'],
    },
    {
      id: 'review',
      title: 'Updating the map',
      purpose: 'When the map is refreshed, and who owns it',
      questions: ['When will the map be updated, and who owns it?', 'What would make you redraw it sooner?'],
      placeholder: 'Give the next update date and the map’s owner.',
      snippet: ['Next update: ${1:date}, by ${2:owner}.'],
      see: ['principle:map-the-landscape'],
    },
  ],
};

/** Short landscape-map element snippets: one actor row, one relation, one initiative row. */
export const MAP_ELEMENTS: { id: string; name: string; description: string; body: string[] }[] = [
  { id: 'actor', name: 'Actor row', description: 'One row of the actors table: name, type, power, interest, stance, what it does, its role in the hub', body: ['| ${1:name} | ${2|government,multilateral,business,civil society,community,philanthropy,research|} | ${3|high,medium,low|} | ${4|high,medium,low|} | ${5|ally,neutral,opponent|} | ${6:what it already does} | ${7:role in the hub} |'] },
  { id: 'relation', name: 'Relation', description: 'Who funds, partners with, competes with or regulates whom (names as in the actors table)', body: ['- ${1:actor} ${2|funds,partners with,competes with,regulates,advises,represents,supplies,reports to,opposes|} ${3:actor}'] },
  { id: 'initiative', name: 'Existing initiative', description: 'One row of the initiatives table: name, goal, and the hub’s relation to it', body: ['| ${1:name} | ${2:its goal} | ${3|complements,coordinates with,joins,replaces|} ${4:how} |'] },
];

export function outlineFor(type: DocType): Outline {
  return type === 'hub-charter' ? CHARTER : type === 'theory-of-change' ? THEORY_OF_CHANGE : LANDSCAPE_MAP;
}
