import { RATING_INFO } from './kinds';
/** Controlled vocabularies of the knowledge base (see docs/knowledge-format.md). */

export const PRINCIPLE_IDS = [
  'narrow-goal',
  'clear-theory-of-change',
  'small-secretariat',
  'steer-not-control',
  'shared-accountability',
  'avoid-spreading-thin',
  'start-small-scale',
  'leverage-bottom-up',
  'map-the-landscape',
  'aggregation-platform',
  'power-and-incentives',
  'no-one-size-fits-all',
  'value-for-members',
  'work-through-governments',
  'align-corporate-incentives',
  'guard-against-self-interest',
  'know-when-not-to-create',
] as const;

export const FRAMEWORK_IDS = [
  'theory-of-change',
  'collective-impact',
  'diffusion-of-innovations',
  'partnership-agreements',
  'power-and-inclusion',
  'smart-goals-logframes',
] as const;

export const HUB_IDS = [
  'gavi',
  'grow-asia',
  'pathfinders',
  'community-solutions',
  'geapp',
  'agroecology-india',
  'race-to-zero',
  'global-fund',
  'cepi',
  'gpe',
  'alliance-8-7',
  'sun-movement',
  'swa',
  'icoca',
  'eiti',
  'ogp',
  'fsc',
  'gpei',
  'unitaid',
  'stop-tb',
  'agra',
  'cgiar',
  'seforall',
] as const;

export const HUB_SECTIONS = [
  'Overview',
  'Goal',
  'Structure and governance',
  'Participants',
  'Funding',
  'How it works',
  'Results',
  'How it scaled',
  'Power, inclusion and criticism',
  'Lessons for charter writers',
  'Sources',
] as const;

export const PRINCIPLE_SECTIONS = ['What it means', 'Why it matters', 'Questions for your charter', 'Sources'] as const;

export const RATINGS = ['exhibits', 'partly', 'not'] as const satisfies readonly (keyof typeof RATING_INFO)[];

export const ISSUE_CATEGORIES: Record<string, string> = {
  health: 'Health',
  'agriculture-food': 'Agriculture and food',
  'climate-energy': 'Climate and energy',
  'peace-justice': 'Peace and justice',
  'housing-homelessness': 'Housing and homelessness',
  education: 'Education',
  'water-sanitation': 'Water and sanitation',
  'labour-rights': 'Labour rights',
  nutrition: 'Nutrition',
  'security-human-rights': 'Security and human rights',
  'governance-transparency': 'Governance and transparency',
  'forests-land': 'Forests and land use',
};

export const REGIONS: Record<string, string> = {
  global: 'Global',
  africa: 'Africa',
  asia: 'Asia',
  'latin-america': 'Latin America',
  'middle-east': 'Middle East',
  europe: 'Europe',
  'north-america': 'North America',
  oceania: 'Oceania',
};

export const ACTOR_TYPES: Record<string, string> = {
  government: 'Governments',
  'local-government': 'Local governments',
  multilateral: 'Multilateral agencies',
  'civil-society': 'Civil society',
  business: 'Business',
  philanthropy: 'Philanthropy',
  academia: 'Universities and research',
  community: 'Communities',
  finance: 'Finance',
};

export const SDG_NAMES: Record<number, string> = {
  1: 'No poverty', 2: 'Zero hunger', 3: 'Good health and well-being', 4: 'Quality education',
  5: 'Gender equality', 6: 'Clean water and sanitation', 7: 'Affordable and clean energy',
  8: 'Decent work and economic growth', 9: 'Industry, innovation and infrastructure',
  10: 'Reduced inequalities', 11: 'Sustainable cities and communities',
  12: 'Responsible consumption and production', 13: 'Climate action', 14: 'Life below water',
  15: 'Life on land', 16: 'Peace, justice and strong institutions', 17: 'Partnerships for the goals',
};
