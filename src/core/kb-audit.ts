/**
 * Audit checks for the bundled knowledge base: citation hygiene (malformed, blocked, tracking and
 * mirror URLs), front matter that the body does not support, uncited figures, and principle
 * ratings whose note says the opposite. Each check is a plain function `(doc, …) => Problem[]`
 * with a stable `code`, so it can be registered as a rule (see AUDIT_RULES).
 *
 * Pure: no `vscode`, no Node-only API. All text scanning is linear-time: character loops and
 * short fixed tokens; no regular expression with nested or adjacent quantifiers is applied to
 * document text.
 */
import type { KnowledgeDoc, Problem, Severity, Source } from './types';

// ------------------------------------------------------------------ citation policy

/** knowledge/citation-policy.json: which hosts the knowledge base may cite. */
export interface CitationPolicy {
  /** Never cite. `host` matches the host and its `www.` form; `*.suffix` matches any subdomain. */
  blockedHosts: string[];
  /** Never cite a host that starts with one of these (staging, test, QA servers). */
  blockedHostPrefixes: string[];
  /** Document mirrors: cite only as "<Host> (copy of <original title, date>)". */
  mirrorHosts: string[];
  /** The only permitted URL change: the same path on the publisher's own host. */
  hostRewrites: Record<string, string>;
}

export const EMPTY_POLICY: CitationPolicy = { blockedHosts: [], blockedHostPrefixes: [], mirrorHosts: [], hostRewrites: {} };

/** Validates the parsed JSON of citation-policy.json; throws an Error that says what is wrong. */
export function parseCitationPolicy(raw: unknown): CitationPolicy {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('citation policy must be a JSON object');
  const o = raw as Record<string, unknown>;
  const list = (key: string): string[] => {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`citation policy: "${key}" must be a list of host names`);
    return (v as string[]).map((h) => h.trim().toLowerCase()).filter(Boolean);
  };
  const rw = o.hostRewrites ?? {};
  if (typeof rw !== 'object' || rw === null || Array.isArray(rw) || !Object.values(rw).every((x) => typeof x === 'string')) {
    throw new Error('citation policy: "hostRewrites" must map host names to host names');
  }
  const hostRewrites: Record<string, string> = {};
  for (const [from, to] of Object.entries(rw as Record<string, string>)) hostRewrites[from.toLowerCase()] = to.toLowerCase();
  return { blockedHosts: list('blockedHosts'), blockedHostPrefixes: list('blockedHostPrefixes'), mirrorHosts: list('mirrorHosts'), hostRewrites };
}

/** `pattern` is a host (`ens.wiki`, which also covers `www.ens.wiki`) or `*.suffix` (any subdomain). */
export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return h.endsWith(p.slice(1));
  return h === p || h === `www.${p}`;
}

// ------------------------------------------------------------------ URLs in footnote definitions

export interface FoundUrl {
  /** The URL as written (trailing sentence punctuation removed). */
  raw: string;
  /** Offset of the URL in the footnote text. */
  start: number;
  /** The character after the URL and the next word (to spot a space inside a URL). */
  nextWord: string;
  followedBySpace: boolean;
}

const URL_END = new Set([' ', '\t', '\n', '\r', '<', '>', '"']);
const TRAILING = '.,;:\'")]*_';

/** Every `http:`/`https:` occurrence in a footnote definition, found in one left-to-right pass. */
export function findUrls(text: string): FoundUrl[] {
  const out: FoundUrl[] = [];
  const lower = text.toLowerCase();
  for (let at = 0; at < lower.length; at++) {
    if (lower.charCodeAt(at) !== 104 /* h */ || isWordChar(lower[at - 1])) continue;
    const head = lower.slice(at, at + 6);
    const scheme = head === 'https:' ? 6 : head.startsWith('http:') ? 5 : 0;
    if (!scheme) continue;
    let end = at + scheme;
    while (end < text.length && !URL_END.has(text[end])) end++;
    let raw = text.slice(at, end);
    // Drop sentence punctuation after the URL; keep a ")" that closes a "(" inside the URL.
    while (raw.length > scheme && TRAILING.includes(raw[raw.length - 1])) {
      if (raw.endsWith(')') && count(raw, '(') >= count(raw, ')')) break;
      raw = raw.slice(0, -1);
    }
    const afterUrl = at + raw.length;
    const followedBySpace = text[afterUrl] === ' ' && afterUrl === end;
    let w = afterUrl + 1;
    if (followedBySpace) while (w < text.length && !URL_END.has(text[w])) w++;
    out.push({ raw, start: at, followedBySpace, nextWord: followedBySpace ? text.slice(afterUrl + 1, w) : '' });
    at = end - 1;
  }
  return out;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /\p{L}/u.test(c);
}

/** The lower-case host of an http(s) URL, or undefined when it has none. */
export function hostOf(url: string): string | undefined {
  const m = url.indexOf('://');
  if (m < 0) return undefined;
  let end = m + 3;
  while (end < url.length && url[end] !== '/' && url[end] !== '?' && url[end] !== '#') end++;
  let host = url.slice(m + 3, end).toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  const colon = host.indexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  return host || undefined;
}

const LOOKS_LIKE_PATH = ['.pdf', '.htm', '.html', '.aspx', '.asp', '.php', '.doc', '.docx', '.jsp'];

/** Why a URL as written cannot be right, or undefined. */
export function malformedReason(u: FoundUrl): string | undefined {
  const raw = u.raw;
  const lower = raw.toLowerCase();
  const scheme = lower.startsWith('https://') ? 8 : lower.startsWith('http://') ? 7 : 0;
  if (!scheme) return `"${raw}" does not start with http:// or https://`;
  if (raw[scheme] === '/') return `"${raw}" has no host (three slashes after the scheme)`;
  const host = hostOf(raw);
  if (!host) return `"${raw}" has no host`;
  for (const c of host) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '.' || c === '-' || c.charCodeAt(0) > 127)) return `host "${host}" contains "${c}"`;
  }
  if (!host.includes('.')) return `host "${host}" has no domain (no dot)`;
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..') || host.startsWith('-')) return `host "${host}" is not a valid host name`;
  if (u.followedBySpace) {
    const next = u.nextWord.toLowerCase();
    const pathy = next.includes('/') || next.includes('=') || next.includes('&') || LOOKS_LIKE_PATH.some((e) => next.endsWith(e));
    if (pathy && !next.startsWith('(') && !next.startsWith('http')) return `"${raw} ${u.nextWord}" looks like one URL with a space in it; encode the space as %20 or fix the URL`;
  }
  try {
    new URL(raw);
  } catch {
    return `"${raw}" is not a valid URL`;
  }
  return undefined;
}

function sourceProblem(doc: KnowledgeDoc, s: Source, code: string, message: string, severity: Severity = 'error'): Problem {
  return { file: doc.path, line: s.line, field: 'sources', message: `footnote [^${s.label}]: ${message}`, severity, code };
}

/** kb/malformed-url: a footnote URL with no host, a space in it, a doubled scheme, or more than one URL. */
export function checkMalformedUrls(doc: KnowledgeDoc): Problem[] {
  const out: Problem[] = [];
  for (const s of doc.sources) {
    const urls = findUrls(s.text);
    for (const u of urls) {
      const why = malformedReason(u);
      if (why) out.push(sourceProblem(doc, s, 'kb/malformed-url', `malformed URL: ${why}`));
    }
    if (urls.length > 1) out.push(sourceProblem(doc, s, 'kb/malformed-url', `has ${urls.length} URLs; a footnote cites exactly one`));
  }
  return out;
}

/** kb/blocked-host: a URL on a host the citation policy blocks (exact, `*.suffix` or a prefix such as `staging.`). */
export function checkBlockedHosts(doc: KnowledgeDoc, policy: CitationPolicy): Problem[] {
  const out: Problem[] = [];
  for (const s of doc.sources) {
    for (const u of findUrls(s.text)) {
      const host = hostOf(u.raw);
      if (!host) continue;
      const rule = policy.blockedHosts.find((p) => hostMatches(host, p)) ?? policy.blockedHostPrefixes.find((p) => host.startsWith(p));
      if (rule === undefined) continue;
      const rewrite = Object.entries(policy.hostRewrites).find(([from]) => hostMatches(host, from));
      const hint = rewrite
        ? ` Cite the same path on ${rewrite[1]} (hostRewrites).`
        : ' Cite the original publisher (see shared/research/citation-fixes.md) or leave the fact out.';
      out.push(sourceProblem(doc, s, 'kb/blocked-host', `"${host}" is a blocked host (citation-policy.json: ${rule}).${hint}`));
    }
  }
  return out;
}

/** Redirectors and URL shorteners: the link hides where it goes. */
export const REDIRECT_HOSTS = [
  'l.facebook.com', 'lm.facebook.com', 'l.instagram.com', 't.co', 'out.reddit.com', 'href.li', 'r.search.yahoo.com',
  'lnkd.in', 'bit.ly', 'ow.ly', 'buff.ly', 'tinyurl.com', 'goo.gl', 'trib.al', 'dlvr.it', 't.ly', 'rebrand.ly', 'shorturl.at',
];
/** E-mail campaign click trackers and mail-security link wrappers (`*.suffix` = any subdomain). */
export const EMAIL_TRACKING_HOSTS = [
  '*.e2ma.net', 'e2ma.net', '*.list-manage.com', '*.rs6.net', '*.sendgrid.net', 'mandrillapp.com', '*.mandrillapp.com', '*.mcsv.net',
  '*.hubspotlinks.com', '*.exacttarget.com', '*.cmail19.com', '*.cmail20.com', '*.createsend1.com', 'clicks.aweber.com',
  '*.safelinks.protection.outlook.com', 'urldefense.com', 'urldefense.proofpoint.com', '*.mimecast.com', 'emltrk.com',
];
/** Web proxies and caches that re-serve someone else's page. */
export const PROXY_HOSTS = ['*.translate.goog', 'translate.googleusercontent.com', 'webcache.googleusercontent.com'];
/** Query parameters that only track the reader (`utm_` is matched as a prefix). */
export const TRACKING_PARAMS = ['fbclid', 'gclid', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'igshid', 'yclid'];

/** Why a URL is a redirect, tracking or proxy link, or undefined. */
export function trackingReason(url: string): string | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  if (REDIRECT_HOSTS.some((p) => hostMatches(host, p))) return `"${host}" is a redirect or link shortener`;
  if (EMAIL_TRACKING_HOSTS.some((p) => hostMatches(host, p))) return `"${host}" is an e-mail tracking link`;
  if (PROXY_HOSTS.some((p) => hostMatches(host, p))) return `"${host}" is a proxy or cache of another site`;
  const afterHost = url.indexOf(host) + host.length;
  const rest = url.slice(afterHost);
  const q = rest.indexOf('?');
  const path = (q < 0 ? rest : rest.slice(0, q)).toLowerCase();
  const query = q < 0 ? '' : rest.slice(q + 1);
  const isGoogle = host === 'google.com' || host.startsWith('google.') || host.startsWith('www.google.');
  if (isGoogle && (path === '/url' || path.startsWith('/url/'))) return 'a Google redirect (/url?q=…)';
  if (path === '/url' && /(^|&)(q|url)=/i.test(query)) return 'a redirect link (/url?q=…)';
  if (path.endsWith('/l.php') || path.startsWith('/redir') || path === '/redirect' || path.endsWith('/redirect.php') || path.endsWith('/redirect')) {
    return `a redirect link (${path})`;
  }
  const ql = query.toLowerCase();
  if (ql.includes('http://') || ql.includes('https://') || ql.includes('http%3a%2f%2f') || ql.includes('https%3a%2f%2f')) {
    return 'the query string carries another URL (a redirect or proxy)';
  }
  for (const pair of query.split('&')) {
    const key = pair.split('=')[0].toLowerCase();
    if (key.startsWith('utm_') || TRACKING_PARAMS.includes(key)) return `tracking parameter "${key}"`;
  }
  return undefined;
}

/** kb/tracking-url: redirects, shorteners, e-mail trackers, proxies and tracking parameters. */
export function checkTrackingUrls(doc: KnowledgeDoc): Problem[] {
  const out: Problem[] = [];
  for (const s of doc.sources) {
    for (const u of findUrls(s.text)) {
      const why = trackingReason(u.raw);
      if (why) out.push(sourceProblem(doc, s, 'kb/tracking-url', `${why}; cite the page it leads to`));
    }
  }
  return out;
}

/** kb/mirror-not-marked: a document mirror cited without "(copy of <original title, date>)". */
export function checkMirrorsMarked(doc: KnowledgeDoc, policy: CitationPolicy): Problem[] {
  const out: Problem[] = [];
  for (const s of doc.sources) {
    const lower = s.text.toLowerCase();
    for (const u of findUrls(s.text)) {
      const host = hostOf(u.raw);
      if (!host || !policy.mirrorHosts.some((p) => hostMatches(host, p))) continue;
      if (!lower.includes('copy of')) {
        out.push(sourceProblem(doc, s, 'kb/mirror-not-marked', `"${host}" is a document mirror; write "${host} (copy of <original title, date>)" in the footnote`));
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ body lines

interface BodyLine {
  text: string;
  line: number;
  /** Index of the `##` section the line belongs to ('' before the first). */
  section: string;
  kind: 'heading' | 'table' | 'fence' | 'footnote' | 'blank' | 'comment' | 'item' | 'text';
  /** Column where an item's text starts (after the marker); 0 otherwise. */
  indent: number;
}

function leadingSpaces(s: string): number {
  let n = 0;
  while (n < s.length && (s[n] === ' ' || s[n] === '\t')) n++;
  return n;
}

/** Length of a list marker (`- `, `* `, `+ `, `1. `, `12) `) at `at`, or 0. */
function listMarker(s: string, at: number): number {
  const c = s[at];
  if ((c === '-' || c === '*' || c === '+') && (s[at + 1] === ' ' || s[at + 1] === '\t')) return 2;
  let i = at;
  while (i < s.length && i - at < 9 && isDigit(s[i])) i++;
  if (i > at && (s[i] === '.' || s[i] === ')') && (s[i + 1] === ' ' || s[i + 1] === '\t')) return i - at + 2;
  return 0;
}

/** Classifies each body line once (linear): headings, tables, code, footnote definitions, list items, text. */
export function bodyLines(doc: KnowledgeDoc): BodyLine[] {
  const out: BodyLine[] = [];
  let fence = '';
  let comment = false;
  let section = '';
  const lines = doc.body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const line = doc.bodyLine + i;
    const sp = leadingSpaces(text);
    const rest = text.slice(sp);
    const push = (kind: BodyLine['kind'], indent = 0): void => {
      out.push({ text, line, section, kind, indent });
    };
    if (fence) {
      if (rest.startsWith(fence)) fence = '';
      push('fence');
      continue;
    }
    if (sp <= 3 && (rest.startsWith('```') || rest.startsWith('~~~'))) {
      fence = rest.slice(0, 3);
      push('fence');
      continue;
    }
    if (comment || rest.startsWith('<!--')) {
      comment = !text.includes('-->');
      push('comment');
      continue;
    }
    if (rest === '') {
      push('blank');
      continue;
    }
    if (sp <= 3 && rest[0] === '#') {
      let h = 0;
      while (rest[h] === '#') h++;
      if (h <= 6 && (rest[h] === ' ' || rest[h] === undefined)) {
        if (h === 2) section = rest.slice(3).trim();
        push('heading');
        continue;
      }
    }
    if (rest.startsWith('[^') && rest[rest.indexOf(']') + 1] === ':') {
      push('footnote');
      continue;
    }
    if (rest[0] === '|') {
      push('table');
      continue;
    }
    const m = listMarker(text, sp);
    // As in CommonMark, an ordered item other than "1." cannot interrupt a paragraph: a wrapped
    // line that starts "2022) answered …" continues the sentence above it.
    const prev = out[out.length - 1]?.kind;
    const ordered = m > 0 && isDigit(rest[0]);
    if (m && !(ordered && prev === 'text' && !/^1[.)]/.test(rest))) {
      push('item', sp + m);
      continue;
    }
    push('text');
  }
  return out;
}

// ------------------------------------------------------------------ inline text

/**
 * Removes what is not prose for the figure and year checks: footnote references, link targets,
 * URLs, inline code and HTML tags. One left-to-right pass.
 */
export function proseOf(s: string, keepRefs = false): string {
  const closeBracket = nextFinder(s, ']');
  const closeParen = nextFinder(s, ')');
  const backtick = nextFinder(s, '`');
  const closeAngle = nextFinder(s, '>');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '[' && s[i + 1] === '^') {
      const end = closeBracket(i + 2);
      if (end > 0) {
        if (keepRefs) out += '[^]';
        i = end + 1;
        continue;
      }
    }
    if (c === ']' && s[i + 1] === '(') {
      const end = closeParen(i + 2);
      if (end > 0) {
        out += ']';
        i = end + 1;
        continue;
      }
    }
    if (c === '`') {
      const end = backtick(i + 1);
      if (end > 0) {
        out += ' ';
        i = end + 1;
        continue;
      }
    }
    if (c === '<' && (s[i + 1] === '/' || isLetter(s[i + 1]))) {
      const end = closeAngle(i + 1);
      if (end > 0) {
        out += ' ';
        i = end + 1;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && (s.startsWith('http://', i) || s.startsWith('https://', i)) && !isWordChar(s[i - 1])) {
      let end = i;
      while (end < s.length && !URL_END.has(s[end]) && s[end] !== ')') end++;
      out += ' ';
      i = end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * `find(from)` = s.indexOf(ch, from) for non-decreasing `from`, remembering the last answer so
 * that the text is searched at most once in all (a missing character is never searched again).
 */
function nextFinder(s: string, ch: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || found >= from) return found;
    found = s.indexOf(ch, from);
    return found;
  };
}

// ------------------------------------------------------------------ kb/front-matter-not-in-body

/** Every whole number written with digits in a text (thousands separators removed). */
export function numbersIn(text: string): Set<number> {
  const out = new Set<number>();
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i]) || isDigit(text[i - 1])) {
      i++;
      continue;
    }
    let j = i;
    let digits = '';
    while (j < text.length && (isDigit(text[j]) || (text[j] === ',' && isDigit(text[j + 1]) && isDigit(text[j - 1])))) {
      if (text[j] !== ',') digits += text[j];
      j++;
    }
    // A decimal part makes it another number (3.5 is not 3).
    if (!(text[j] === '.' && isDigit(text[j + 1])) && !(text[i - 1] === '.' && isDigit(text[i - 2]))) out.add(Number(digits));
    while (j < text.length && (isDigit(text[j]) || text[j] === '.')) j++;
    i = j;
  }
  return out;
}

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** English words for 0–99 ("twenty-eight"), used to find counts written out in prose. */
export function numberWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 99) return [];
  if (n < 20) return [SMALL[n]];
  const t = TENS[Math.floor(n / 10)];
  const u = n % 10;
  return u === 0 ? [t] : [`${t}-${SMALL[u]}`, `${t} ${SMALL[u]}`];
}

/** The body as the reader sees it, without the Sources section, footnote definitions or code. */
function bodyProse(doc: KnowledgeDoc): string {
  return bodyLines(doc)
    .filter((l) => l.section !== 'Sources' && l.kind !== 'footnote' && l.kind !== 'fence' && l.kind !== 'comment')
    .map((l) => proseOf(l.text))
    .join('\n');
}

export type LineOf = (path: (string | number)[]) => number;

/**
 * kb/front-matter-not-in-body: each front-matter year (founded.year, funding.amounts[].year,
 * results[].year) and count (governance.seats) must appear in the body (outside ## Sources), so
 * that every fact on a hub card can be found, with its citation, in the case study.
 */
export function checkFrontMatterInBody(doc: KnowledgeDoc, lineOf: LineOf = () => 1): Problem[] {
  const h = doc.hub;
  if (doc.kind !== 'hub' || !h) return [];
  const prose = bodyProse(doc);
  const nums = numbersIn(prose);
  const words = prose.toLowerCase();
  const out: Problem[] = [];
  const want = (value: number | undefined, path: (string | number)[], what: string, allowWords = false): void => {
    if (value === undefined || nums.has(value)) return;
    if (allowWords && numberWords(value).some((w) => containsWord(words, w))) return;
    const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    out.push({ file: doc.path, line: lineOf(path), field, message: `${what} ${value} does not appear in the body; state it there with its citation, or correct the front matter`, severity: 'error', code: 'kb/front-matter-not-in-body' });
  };
  want(h.founded?.year, ['founded', 'year'], 'founding year');
  h.funding?.amounts.forEach((a, i) => want(a.year, ['funding', 'amounts', i, 'year'], 'year'));
  h.results.forEach((a, i) => want(a.year, ['results', i, 'year'], 'year'));
  want(h.governance?.seats, ['governance', 'seats'], 'seat count', true);
  return out;
}

function containsWord(text: string, word: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    if (!isLetter(text[at - 1]) && !isLetter(text[at + word.length]) && text[at - 1] !== '-' && text[at + word.length] !== '-') return true;
    from = at + 1;
  }
}

// ------------------------------------------------------------------ kb/figure-without-source

/**
 * Words after which a number is a label, not a figure: SDG and MDG numbers ("SDG 3", "Goals 3
 * and 6", "target 16.3"), document parts ("section 2", "Article 5", "Phase 1", "Table 2",
 * "Convention No. 182") and resolutions or decisions ("decision 1/CP.21").
 */
export const LABEL_WORDS = new Set([
  'sdg', 'sdgs', 'mdg', 'mdgs', 'goal', 'goals', 'target', 'targets', 'indicator', 'indicators',
  'section', 'sections', '§', 'article', 'articles', 'chapter', 'chapters', 'annex', 'part', 'step', 'steps',
  'phase', 'phases', 'stage', 'stages', 'pillar', 'pillars', 'principle', 'principles', 'table', 'figure', 'fig',
  'page', 'pages', 'p', 'pp', 'version', 'level', 'tier', 'no', 'nos', 'decision', 'resolution', 'convention',
  'recommendation', 'question', 'option', 'box', 'module', 'lesson', 'round', 'window', 'workstream', 'tool',
]);

/** Names that contain a number but state no figure (extend when a new hub needs one). */
export const NUMBERED_NAMES = ['Alliance 8.7', 'Delta 8.7', '2030 Agenda', 'Agenda 2030', 'Gavi 4.0', 'Gavi 5.0', 'Gavi 5.1', 'Gavi 6.0', 'Zero: 2016', 'Project 50', 'Global Health 50/50'];

const MAGNITUDES = ['million', 'millions', 'billion', 'billions', 'trillion', 'trillions'];
const ORDINAL = new Set(['st', 'nd', 'rd', 'th']);
/** Between two numbers of one label list ("SDGs 3, 6 and 16"). */
const LIST_GLUE = new Set(['and', 'or', '&', 'to']);

/**
 * The first figure in a piece of prose, or undefined. A figure is a number written with digits,
 * a magnitude word (million, billion, trillion) or a percentage.
 *
 * Not figures (exemptions):
 * - digits inside a word or name: G20, C40, SDG16, Under2 (a letter comes right before the
 *   digits), COVID-19, MERS-2 (an all-capitals word and a hyphen); but "mid-2019" is a date;
 * - identifiers after a full stop: decision 1/CP.21, v.2;
 * - ordinals: 1st, 2nd, 3rd, 20th (section and round numbers);
 * - labels: a number right after a LABEL_WORDS word, and further numbers of the same list;
 * - the names in NUMBERED_NAMES;
 * - footnote labels, link targets, URLs, inline code and HTML tags (removed by proseOf).
 */
export function firstFigure(prose: string): { at: number; text: string } | undefined {
  let s = prose;
  for (const name of NUMBERED_NAMES) {
    if (s.includes(name)) s = s.split(name).join(name.replace(/[0-9]/g, 'N'));
  }
  let labelChain = false;
  let lastWord = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '%') return { at: i, text: '%' };
    if (isLetter(c)) {
      let j = i;
      while (j < s.length && (isLetter(s[j]) || isDigit(s[j]))) j++;
      const word = s.slice(i, j).toLowerCase();
      const hasDigit = [...word].some(isDigit);
      if (MAGNITUDES.includes(word)) return { at: i, text: s.slice(i, j) };
      if (word === 'per' && s.startsWith(' cent', j)) return { at: i, text: 'per cent' };
      if (word === 'percent') return { at: i, text: s.slice(i, j) };
      // G20, SDG16, COVID-19: the number belongs to the name (an all-capitals word before a hyphen).
      if (!hasDigit && s[j] === '-' && isDigit(s[j + 1]) && j - i >= 2 && s.slice(i, j) === s.slice(i, j).toUpperCase()) {
        j++;
        while (j < s.length && (isDigit(s[j]) || isLetter(s[j]))) j++;
      }
      if (!LIST_GLUE.has(word)) {
        labelChain = false;
        lastWord = word;
      }
      i = j;
      continue;
    }
    if (isDigit(c)) {
      let j = i;
      // An identifier such as "CP.21" or "v.2": letters and a full stop right before the digits.
      if (s[i - 1] === '.' && isLetter(s[i - 2])) {
        while (j < s.length && (isDigit(s[j]) || isLetter(s[j]))) j++;
        i = j;
        continue;
      }
      while (j < s.length && (isDigit(s[j]) || ((s[j] === '.' || s[j] === ',' || s[j] === '/') && isDigit(s[j + 1])))) j++;
      let k = j;
      while (k < s.length && isLetter(s[k])) k++;
      const suffix = s.slice(j, k).toLowerCase();
      const isLabel = LABEL_WORDS.has(lastWord) || labelChain;
      if (ORDINAL.has(suffix)) {
        i = k;
        lastWord = '';
        continue;
      }
      if (isLabel) {
        labelChain = true;
        i = k;
        continue;
      }
      return { at: i, text: s.slice(i, k) };
    }
    // Punctuation keeps a label list going ("3, 6 and 16", "16.3–16.10"); anything else ends it.
    if (!(c === ' ' || c === ',' || c === '–' || c === '-' || c === '/' || c === '.' || c === '+' || c === '*' || c === '_')) {
      labelChain = false;
      if (c !== '(' && c !== ')') lastWord = '';
    }
    if (c === '.' && s[i + 1] === ' ') labelChain = false;
    i++;
  }
  return undefined;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'cf', 'al', 'approx', 'ca', 'no', 'nos', 'st', 'dr', 'mr', 'mrs', 'ms', 'prof', 'inc', 'ltd',
  'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'p', 'pp', 'fig',
  'art', 'u.s', 'u.k', 'u.n', 'govt', 'dept', 'est', 'jr', 'sr', 'vol', 'ed', 'eds', 'op',
]);

interface Unit {
  text: string;
  /** File line of each character offset's line start: [offset, line] pairs in order. */
  lines: [number, number][];
  list: boolean;
  section: string;
  /** A list item whose lead-in (the paragraph or parent item ending with ":") cites the list's source. */
  covered: boolean;
  /** Column of the item's marker (list items only). */
  indent: number;
  /** Cached result of citesItsList (computed once the unit is complete). */
  cites?: boolean;
}

/** The file line of a character offset in a unit (binary search over its line starts). */
function lineAt(u: Unit, offset: number): number {
  let lo = 0;
  let hi = u.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (u.lines[mid][0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return u.lines[lo][1];
}

/**
 * A lead-in that cites the list it introduces: its last sentence ends with ":" and carries a
 * footnote ("According to SUN's own site:[^sun-who]", "**Reported for 2016–2018**[^x]:"), or is a
 * bare label without figures right after a cited sentence ("….[^cs-media] Examples:").
 */
function citesItsList(u: Unit): boolean {
  u.cites ??= computeCitesItsList(u);
  return u.cites;
}

function computeCitesItsList(u: Unit): boolean {
  const t = u.text;
  // Walk back over trailing spaces, footnote references and one ":" (in any order of the two).
  let end = t.length;
  let colon = false;
  for (;;) {
    while (end > 0 && t[end - 1] === ' ') end--;
    if (!colon && t[end - 1] === ':') {
      colon = true;
      end--;
      continue;
    }
    if (t[end - 1] === ']') {
      const ref = t.lastIndexOf('[^', end - 1);
      const close = ref >= 0 ? t.indexOf(']', ref) : -1;
      if (ref >= 0 && close === end - 1) {
        end = ref;
        continue;
      }
    }
    break;
  }
  if (!colon) return false;
  const all = sentences(t);
  const last = all.length ? all[all.length - 1].text : t;
  if (last.includes('[^')) return true;
  // A bare label after a cited sentence ("… (2021–2022).[^a] Examples:") introduces the same source.
  const before = all.length > 1 ? all[all.length - 2].text : '';
  return before.includes('[^') && !firstFigure(proseOf(last));
}

/**
 * Groups body lines into paragraphs and list items (headings, tables, code and footnotes
 * excluded), and marks list items whose lead-in cites them.
 */
function units(doc: KnowledgeDoc): Unit[] {
  const out: Unit[] = [];
  let cur: Unit | undefined;
  /** The paragraph just before a list, if it introduces it. */
  let lead: Unit | undefined;
  /** Open list items, outermost first. */
  let stack: Unit[] = [];
  const add = (text: string, line: number): void => {
    if (!cur) return;
    if (cur.text) cur.text += ' ';
    cur.lines.push([cur.text.length, line]);
    cur.text += text;
  };
  for (const l of bodyLines(doc)) {
    if (l.kind === 'item') {
      const col = leadingSpaces(l.text);
      while (stack.length && stack[stack.length - 1].indent >= col) stack.pop();
      const covered = (lead !== undefined && citesItsList(lead)) || stack.some((p) => p.covered || citesItsList(p));
      cur = { text: '', lines: [], list: true, section: l.section, covered, indent: col };
      out.push(cur);
      stack.push(cur);
      add(l.text.slice(l.indent), l.line);
    } else if (l.kind === 'text') {
      let t = l.text.trim();
      while (t.startsWith('>')) t = t.slice(1).trim();
      if (!cur) {
        cur = { text: '', lines: [], list: false, section: l.section, covered: false, indent: -1 };
        out.push(cur);
        // A new paragraph outside a list ends the list and its lead-in.
        if (leadingSpaces(l.text) === 0) {
          stack = [];
          lead = cur;
        }
      }
      add(t, l.line);
    } else if (l.kind === 'blank' || l.kind === 'comment') {
      cur = undefined;
    } else {
      cur = undefined;
      lead = undefined;
      stack = [];
    }
  }
  return out;
}

/** Phrases that mark a statement about a gap in the sources, which no footnote can support. */
export const GAP_PHRASES = [
  'not found', 'found no', 'was found', 'were found', 'not known', 'unknown', 'not say', 'not state', 'not date', 'not confirmed',
  'unconfirmed', 'unverified', 'not verified', 'not given', 'no figure', 'no date',
];

/** A sentence that only says the research lacks something ("The final total was not found."). */
function isGapStatement(sentence: string): boolean {
  const lower = sentence.toLowerCase();
  if (!GAP_PHRASES.some((p) => lower.includes(p))) return false;
  // "was found"/"were found" only in the negative: "No figure after 2021 was found."
  if (!lower.includes('not ') && !lower.includes('unknown') && !lower.includes('unconfirmed') && !lower.includes('unverified') && !lower.includes('no ')) return false;
  return true;
}

/** A sentence that is only a bold label, such as "**Launch (January 2017).**": a heading in disguise. */
function isBoldLabel(sentence: string): boolean {
  const t = sentence.trim();
  return t.length > 4 && t.startsWith('**') && t.endsWith('**') && !t.slice(2, -2).includes('**');
}

/** Splits a paragraph into sentences; footnote references right after the full stop stay with it. */
export function sentences(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  const closeBracket = nextFinder(text, ']');
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && '"”’\')*_'.includes(text[j])) j++;
    // Footnote references after the full stop ("….[^a] [^b]") belong to this sentence.
    for (;;) {
      let k = j;
      while (text[k] === ' ') k++;
      if (text[k] === '[' && text[k + 1] === '^') {
        const end = closeBracket(k);
        if (end < 0) break;
        j = end + 1;
        continue;
      }
      break;
    }
    if (j < text.length && text[j] !== ' ') {
      i = j;
      continue;
    }
    let n = j;
    while (text[n] === ' ') n++;
    const next = text[n];
    const startsSentence = next !== undefined && (isUpper(next) || isDigit(next) || '"“*_[(‘\''.includes(next));
    if (c === '.' && isAbbreviation(text, i)) {
      i = j;
      continue;
    }
    if (n >= text.length || startsSentence) {
      out.push({ start, text: text.slice(start, j) });
      start = n;
    }
    i = j;
  }
  if (start < text.length && text.slice(start).trim()) out.push({ start, text: text.slice(start) });
  return out;
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** The word before a full stop is an abbreviation or an initial ("J. Smith", "U.S."). */
function isAbbreviation(text: string, dot: number): boolean {
  let b = dot;
  while (b > 0 && (isLetter(text[b - 1]) || text[b - 1] === '.')) b--;
  const word = text.slice(b, dot).toLowerCase();
  if (!word) return false;
  if (word.length === 1 && isUpper(text[b])) return true;
  return ABBREVIATIONS.has(word);
}

/**
 * kb/figure-without-source: a sentence (in a paragraph) or a list item with a figure and no
 * footnote reference in it. An error for hubs, a warning for principles and frameworks.
 *
 * Not checked: headings, tables, code, footnote definitions, the ## Sources section, and (in
 * principles) ## Questions for your charter, which asks rather than claims. Also exempt:
 * - a list introduced by a lead-in that cites it ("According to SUN's own site:[^sun-who]"),
 *   including items nested under a citing parent item;
 * - a sentence that is only a bold label ("**Launch (January 2017).**"), which works as a heading;
 * - a sentence that only reports a gap in the research (GAP_PHRASES: "The final total for
 *   2022–2026 was not found.");
 * - what firstFigure does not count as a figure (G20, SDG 3, 1st, Alliance 8.7, …).
 */
export function checkFiguresCited(doc: KnowledgeDoc): Problem[] {
  const severity: Severity = doc.kind === 'hub' ? 'error' : 'warning';
  const out: Problem[] = [];
  for (const u of units(doc)) {
    if (u.section === 'Sources' || u.section === 'Questions for your charter' || u.covered) continue;
    const parts = u.list ? [{ start: 0, text: u.text }] : sentences(u.text);
    for (const p of parts) {
      if (p.text.includes('[^')) continue;
      if (!u.list && (isBoldLabel(p.text) || isGapStatement(p.text))) continue;
      const fig = firstFigure(proseOf(p.text));
      if (!fig) continue;
      const inSentence = p.text.indexOf(fig.text);
      const where = inSentence >= 0 ? p.start + inSentence : -1;
      const snippet = p.text.trim().length > 90 ? `${p.text.trim().slice(0, 87)}…` : p.text.trim();
      out.push({
        file: doc.path,
        line: lineAt(u, where >= 0 ? where : p.start),
        field: 'citation',
        message: `"${fig.text}" in a ${u.list ? 'list item' : 'sentence'} without a footnote: "${snippet}"`,
        severity,
        code: 'kb/figure-without-source',
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------ kb/rating-contradicts-note

type RatingWord = 'exhibits' | 'partly' | 'not';

/** Verdict words a note may open with, and the ratings each is compatible with. */
const VERDICTS: Record<string, RatingWord[]> = {
  yes: ['exhibits'], strong: ['exhibits'], strongly: ['exhibits'], exhibits: ['exhibits'], clearly: ['exhibits'],
  partly: ['partly'], partial: ['partly'], partially: ['partly'], mixed: ['partly'], unclear: ['partly', 'not'], weak: ['partly', 'not'],
  no: ['not'], not: ['not'], none: ['not'], absent: ['not'],
};
/** Phrases that deny the practice: in the main clause of an `exhibits` note they contradict it. */
const DENIALS = ['does not', 'do not', 'did not', "doesn't", "don't", "didn't", 'lacks', 'lacking', 'has no', 'have no', 'had no', 'no evidence', 'not found', 'fails to', 'failed to', 'absent'];
/** Phrases that claim the practice in full: in the main clause of a `not` note they contradict it. */
const AFFIRMATIONS = ['exhibits', 'fully', 'clearly shows', 'strong example', 'good example'];
/** Where a caveat starts: the main clause is the text before the first of these. */
const CONCESSIVES = ['but', 'although', 'though', 'however', 'yet', 'while', 'whereas', 'except', 'caveat'];

/** The opening verdict of a note: "Assessed yes …", "Weak: …", "No/partly: …" → the verdict words. */
export function openingVerdict(note: string): string[] {
  const words: string[] = [];
  let i = 0;
  const read = (): string => {
    while (i < note.length && !isLetter(note[i])) i++;
    const s = i;
    while (i < note.length && isLetter(note[i])) i++;
    return note.slice(s, i).toLowerCase();
  };
  let w = read();
  if (w === 'assessed' || w === 'assessment' || w === 'rated' || w === 'rating') w = read();
  if (!Object.hasOwn(VERDICTS, w)) return [];
  // "No field presence" is a statement, not a verdict: a verdict word ends its phrase
  // (":", ",", "/", ";", "(", end of note) or is "Assessed …"/"Yes"/"Partly …" in front.
  words.push(w);
  while (note[i] === '/' || (note[i] === ' ' && note.startsWith(' or ', i))) {
    i += note[i] === '/' ? 1 : 4;
    const s = i;
    while (i < note.length && isLetter(note[i])) i++;
    const v = note.slice(s, i).toLowerCase();
    if (Object.hasOwn(VERDICTS, v)) words.push(v);
  }
  const next = note[i];
  const closed = next === undefined || next === ':' || next === ',' || next === ';' || next === '.' || (next === ' ' && note.startsWith(' (', i));
  const assessed = /^(assessed|assessment|rated|rating)\b/i.test(note.slice(0, 12));
  const alwaysVerdict = w === 'yes' || w === 'partly' || w === 'partially' || w === 'unclear';
  return closed || assessed || alwaysVerdict ? words : [];
}

function mainClause(note: string): string {
  const lower = ` ${note.toLowerCase()} `;
  let end = lower.length;
  const semi = lower.indexOf(';');
  if (semi >= 0) end = semi;
  for (const c of CONCESSIVES) {
    const at = lower.indexOf(` ${c} `);
    // A note that opens with a concession ("Although X, Y") has its main clause after the comma.
    if (at === 0) {
      const comma = lower.indexOf(',');
      return comma > 0 ? lower.slice(comma + 1, end) : lower.slice(0, end);
    }
    if (at > 0 && at < end) end = at;
    const comma = lower.indexOf(`, ${c} `);
    if (comma > 0 && comma < end) end = comma;
  }
  return lower.slice(0, end);
}

/** Why a note contradicts its rating, or undefined. */
export function ratingContradiction(rating: RatingWord, note: string): string | undefined {
  const verdict = openingVerdict(note);
  if (verdict.length) {
    const bad = verdict.filter((v) => !VERDICTS[v].includes(rating));
    if (bad.length) return `the note opens with "${bad.join('/')}" but the rating is "${rating}"`;
    return undefined;
  }
  const main = mainClause(note);
  if (rating === 'exhibits') {
    const d = DENIALS.find((p) => containsPhrase(main, p));
    if (d) return `the rating is "exhibits" but the note's main clause says "${d}"`;
  }
  if (rating === 'not') {
    const a = AFFIRMATIONS.find((p) => containsPhrase(main, p));
    if (a) return `the rating is "not" but the note's main clause says "${a}"`;
  }
  return undefined;
}

function containsPhrase(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return false;
    if (!isLetter(text[at - 1]) && !isLetter(text[at + phrase.length])) return true;
    from = at + 1;
  }
}

/**
 * kb/rating-contradicts-note: a principle rating whose note says the opposite. Simple, explainable
 * heuristic: (1) a verdict the note opens with ("Assessed yes", "Weak:", "No/partly:") must fit the
 * rating; (2) an `exhibits` note must not deny the practice in its main clause (before the first
 * ";" or "but", "although", …): "does not", "lacks", "has no", "no evidence", "not found"; (3) a
 * `not` note must not claim it in full ("exhibits", "fully", "clearly shows").
 */
export function checkRatingNotes(doc: KnowledgeDoc, lineOf: LineOf = () => 1): Problem[] {
  if (doc.kind !== 'hub' || !doc.hub) return [];
  const out: Problem[] = [];
  doc.hub.principles.forEach((p, i) => {
    const why = ratingContradiction(p.rating, p.note);
    if (why) {
      out.push({ file: doc.path, line: lineOf(['principles', i, 'note']), field: `principles[${i}].note`, message: `${p.id}: ${why}; make the note and the rating agree`, severity: 'error', code: 'kb/rating-contradicts-note' });
    }
  });
  return out;
}

// ------------------------------------------------------------------ rules

export interface AuditContext {
  policy: CitationPolicy;
  /** File line of a front-matter field path (from the parser); line 1 when unknown. */
  lineOf?: LineOf;
}

/** The audit checks as data (markdownlint-style), shared by the build and, later, the editor. */
export interface AuditRule {
  id: string;
  description: string;
  appliesTo: readonly KnowledgeDoc['kind'][];
  defaultSeverity: Severity;
  /** Where the rule is explained for writers. */
  docs: string;
  run: (doc: KnowledgeDoc, ctx: AuditContext) => Problem[];
}

const DOCS = 'docs/knowledge-format.md#audit-checks-the-build-runs-them-on-every-bundled-document';

const ALL: readonly KnowledgeDoc['kind'][] = ['hub', 'principle', 'framework', 'note'];

export const AUDIT_RULES: readonly AuditRule[] = [
  { id: 'kb/malformed-url', description: 'Footnote URLs must be well-formed (scheme, host, no spaces), one per footnote', appliesTo: ALL, defaultSeverity: 'error', docs: DOCS, run: (d) => checkMalformedUrls(d) },
  { id: 'kb/blocked-host', description: 'Never cite a host blocked by knowledge/citation-policy.json', appliesTo: ALL, defaultSeverity: 'error', docs: DOCS, run: (d, c) => checkBlockedHosts(d, c.policy) },
  { id: 'kb/tracking-url', description: 'Never cite a redirect, link shortener, e-mail tracker, proxy or tracking parameter', appliesTo: ALL, defaultSeverity: 'error', docs: DOCS, run: (d) => checkTrackingUrls(d) },
  { id: 'kb/mirror-not-marked', description: 'Cite a document mirror only as "(copy of <original title, date>)"', appliesTo: ALL, defaultSeverity: 'error', docs: DOCS, run: (d, c) => checkMirrorsMarked(d, c.policy) },
  { id: 'kb/front-matter-not-in-body', description: 'Front-matter years and seat counts must appear in the body', appliesTo: ['hub'], defaultSeverity: 'error', docs: DOCS, run: (d, c) => checkFrontMatterInBody(d, c.lineOf) },
  { id: 'kb/figure-without-source', description: 'Every sentence or list item with a figure has a footnote', appliesTo: ALL, defaultSeverity: 'error', docs: DOCS, run: (d) => checkFiguresCited(d) },
  { id: 'kb/rating-contradicts-note', description: 'A principle rating and its note must agree', appliesTo: ['hub'], defaultSeverity: 'error', docs: DOCS, run: (d, c) => checkRatingNotes(d, c.lineOf) },
];

/**
 * Files whose audit problems are reported as warnings for now, with the reason (e.g. the file is
 * being rewritten elsewhere). Only the kb/* audit checks are softened; schema, citation and link
 * errors still stop the build. Read from knowledge/audit-pending.json.
 */
export type AuditPending = Record<string, string>;

/** Validates the parsed JSON of audit-pending.json (`{ "files": { "<path>": "<reason>" } }`). */
export function parseAuditPending(raw: unknown): AuditPending {
  const files = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { files?: unknown }).files : undefined;
  if (!files || typeof files !== 'object' || Array.isArray(files) || !Object.values(files).every((v) => typeof v === 'string' && v.trim())) {
    throw new Error('audit-pending.json must be { "files": { "<path under knowledge/>": "<reason>" } }');
  }
  return { ...(files as Record<string, string>) };
}

/** Runs every audit rule that applies to the document. */
export function auditDoc(doc: KnowledgeDoc, ctx: AuditContext, pending: AuditPending = {}): Problem[] {
  const problems = AUDIT_RULES.filter((r) => r.appliesTo.includes(doc.kind)).flatMap((r) => r.run(doc, ctx));
  const reason = Object.hasOwn(pending, doc.path) ? pending[doc.path] : undefined;
  if (reason === undefined) return problems;
  return problems.map((p) => (p.severity === 'error' ? { ...p, severity: 'warning' as const, message: `${p.message} [pending: ${reason}]` } : p));
}
