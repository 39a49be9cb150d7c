import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { esc, safeExternalUrl } from './html';
import { refsPlugin } from './refs';
import { slugify } from './markdown-scan';
import { atxHeading, skipSpace } from './scan';
import { resolveDocLink, type PrincipleHub } from './kb';
import { ACTOR_TYPES, ISSUE_CATEGORIES, REGIONS, SDG_NAMES } from './vocab';
import { KINDS, RATING_INFO } from './kinds';
import type { DocKind, KnowledgeDoc, Source } from './types';

export type Md = InstanceType<typeof MarkdownIt>;

/** What the renderer needs to know about the other documents. */
export type DocLinkTarget = Pick<KnowledgeDoc, 'kind' | 'id' | 'origin' | 'path' | 'title'>;

export interface RenderContext {
  byPath(path: string): DocLinkTarget | undefined;
  byRef(kind: DocKind, id: string): DocLinkTarget | undefined;
  principleHubs?: Record<string, PrincipleHub[]>;
}

interface Env {
  doc: KnowledgeDoc;
  numbers: Map<string, number>;
  sources: Source[];
  sourcesRendered: boolean;
  /** Which words to mark (from the search that opened the document). */
  highlight?: (word: string) => boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Whether a piece of text is (part of) a web address: never marked. */
function isUrlLike(chunk: string): boolean {
  if (chunk.includes('://') || chunk.toLowerCase().startsWith('www.')) return true;
  // example.org/path
  const slash = chunk.indexOf('/');
  return slash > 0 && chunk.slice(0, slash).includes('.');
}

/**
 * Escaped text with the matched words marked. Words inside web addresses are left alone; the
 * matcher decides the rest (it never matches stop words). One pass over the text.
 */
export function markWords(text: string, matches: (word: string) => boolean): string {
  let out = '';
  for (const chunk of text.split(/(\s+)/)) {
    if (!chunk || !chunk.trim() || isUrlLike(chunk)) {
      out += esc(chunk);
      continue;
    }
    let last = 0;
    for (const m of chunk.matchAll(WORD)) {
      if (!matches(m[0])) continue;
      out += esc(chunk.slice(last, m.index)) + `<mark>${esc(m[0])}</mark>`;
      last = m.index + m[0].length;
    }
    out += esc(chunk.slice(last));
  }
  return out;
}

import { keyOf as docRef } from './keys';

function sourceList(sources: Source[]): string {
  if (sources.length === 0) return '';
  const items = sources.map((s, i) => {
    const url = safeExternalUrl(s.url);
    const text = esc(s.text);
    // A replacer function: the URL is user text, and `$&`, `$'` … in a replacement string are patterns.
    const linked = url ? text.replace(esc(s.url), () => `<a class="external" href="${esc(url)}" data-external="${esc(url)}">${esc(s.url)}</a>`) : text;
    return `<li id="src-${esc(s.label)}" value="${i + 1}">${linked}${s.secondary ? ' <span class="badge">secondary</span>' : ''}</li>`;
  });
  return `<ol class="sources">\n${items.join('\n')}\n</ol>\n`;
}

function citeLink(env: Env, label: string): string {
  const n = env.numbers.get(label);
  const s = env.sources.find((x) => x.label === label);
  return n ? `<a href="#src-${esc(label)}" title="${esc(s?.text ?? '')}">${n}</a>` : '';
}

/** Superscript citation numbers, comma-separated: ¹,². */
function cite(env: Env, labels: string[] | undefined): string {
  const links = [...new Set(labels ?? [])].map((l) => citeLink(env, l)).filter(Boolean);
  return links.length ? `<sup class="cite">${links.join(',')}</sup>` : '';
}

/** Builds one markdown-it instance per context: no raw HTML, safe links, citations, references. */
export function createRenderer(ctx: RenderContext): Md {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.use(footnote);
  refsPlugin(md, (kind, id) => {
    const d = ctx.byRef(kind, id);
    return d ? { href: '#', title: d.title, attrs: { 'data-doc': docRef(d) } } : undefined;
  });

  md.renderer.rules.footnote_ref = (tokens, idx, _o, env) => {
    const label = (tokens[idx].meta as { label?: string }).label ?? '';
    const link = citeLink(env as unknown as Env, label);
    // Adjacent references ([^a][^b]) read as one citation: ¹,².
    const joined = tokens[idx - 1]?.type === 'footnote_ref';
    return link ? `<sup class="cite">${joined ? ',' : ''}${link}</sup>` : '';
  };
  // Replace the plugin's footnote block with our numbered source list (footnotes cited only from
  // front matter would otherwise be dropped).
  md.core.ruler.after('footnote_tail', 'impact_sources', (state) => {
    const env = state.env as unknown as Env;
    const start = state.tokens.findIndex((t) => t.type === 'footnote_block_open');
    if (start < 0) return;
    const end = state.tokens.findIndex((t, i) => i > start && t.type === 'footnote_block_close');
    const html = new state.Token('html_block', '', 0);
    html.content = sourceList(env.sources);
    state.tokens.splice(start, end - start + 1, html);
    env.sourcesRendered = true;
  });

  md.renderer.rules.link_open = (tokens, idx, options, rawEnv, self) => {
    const env = rawEnv as unknown as Env;
    const t = tokens[idx];
    const href = String(t.attrGet('href') ?? '');
    if ((t.meta as { hubRef?: boolean } | null)?.hubRef) return self.renderToken(tokens, idx, options);
    if (href.startsWith('#')) return self.renderToken(tokens, idx, options);
    const external = safeExternalUrl(href);
    if (external) {
      t.attrSet('href', external);
      t.attrSet('data-external', external);
      t.attrJoin('class', 'external');
      return self.renderToken(tokens, idx, options);
    }
    const resolved = resolveDocLink(env.doc.path, href);
    const target = resolved && ctx.byPath(resolved.path);
    if (target) {
      t.attrSet('href', '#');
      t.attrSet('data-doc', docRef(target));
      if (resolved.anchor) t.attrSet('data-anchor', resolved.anchor);
      t.attrSet('title', target.title);
      return self.renderToken(tokens, idx, options);
    }
    t.attrSet('href', '#');
    t.attrSet('class', 'broken-link');
    t.attrSet('title', `Link target not found: ${href}`);
    return self.renderToken(tokens, idx, options);
  };
  // Search words are marked in the text, never in a web address (a linkified URL or URL text).
  md.renderer.rules.text = (tokens, idx, _o, rawEnv) => {
    const env = rawEnv as unknown as Env;
    const content = tokens[idx].content;
    let open = -1;
    for (let i = idx - 1; i >= 0; i--) {
      if (tokens[i].type === 'link_close') break;
      if (tokens[i].type === 'link_open') {
        open = i;
        break;
      }
    }
    const inUrlLink = open >= 0 && (tokens[open].markup === 'linkify' || tokens[open].markup === 'autolink');
    return env.highlight && !inUrlLink ? markWords(content, env.highlight) : esc(content);
  };
  // Images never load from outside the extension: show their text instead.
  md.renderer.rules.image = (tokens, idx) => `<span class="image-alt">[${esc(tokens[idx].content || 'image')}]</span>`;
  // Heading ids, so links with #anchors can scroll.
  md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
    const inline = tokens[idx + 1];
    const text = inline?.children?.filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content).join('') ?? '';
    tokens[idx].attrSet('id', slugify(text));
    return self.renderToken(tokens, idx, options);
  };
  return md;
}


export interface RenderedDoc {
  /** Header card (key facts) HTML. */
  header: string;
  /** Body HTML including the numbered sources. */
  body: string;
}

/** Renders a document for the reader panel. Pure: same input, same HTML. */
export function renderDoc(doc: KnowledgeDoc, ctx: RenderContext, md: Md = createRenderer(ctx), highlight?: (word: string) => boolean): RenderedDoc {
  const env: Env = { doc, numbers: new Map(doc.sources.map((s, i) => [s.label, i + 1])), sources: doc.sources, sourcesRendered: false, highlight };
  // The document's own H1 duplicates the header card's title.
  const bodyMd = withoutTitle(doc.body);
  let body = md.render(bodyMd, env as unknown as Parameters<Md['render']>[1]);
  if (doc.kind === 'principle') body = insertBeforeSources(body, principleHubsHtml(doc, ctx));
  if (doc.hub?.principles.length) body = insertBeforeSources(body, hubPrinciplesHtml(doc, ctx, env));
  if (!env.sourcesRendered && doc.sources.length > 0) body += sourceList(doc.sources);
  return { header: headerCard(doc, env), body };
}

/** The body without its first line when that is a level-1 heading (blank lines before it go too). */
function withoutTitle(body: string): string {
  let at = 0;
  for (;;) {
    const nl = body.indexOf('\n', at);
    const line = body.slice(at, nl < 0 ? body.length : nl);
    if (skipSpace(line, 0) < line.length) {
      if (atxHeading(line)?.level !== 1) return body;
      return nl < 0 ? '' : body.slice(nl + 1);
    }
    if (nl < 0) return body;
    at = nl + 1;
  }
}

function insertBeforeSources(body: string, html: string): string {
  const end = body.indexOf('>Sources</h2>');
  const open = end < 0 ? -1 : body.lastIndexOf('<h2', end);
  const at = open >= 0 && body.indexOf('>', open) === end ? open : -1;
  return at < 0 ? body + html : body.slice(0, at) + html + body.slice(at);
}

function principleHubsHtml(doc: KnowledgeDoc, ctx: RenderContext): string {
  const hubs = ctx.principleHubs?.[doc.id] ?? [];
  const rows = hubs.map(
    (h) =>
      `<li class="rating-${h.rating}"><span class="badge rating">${RATING_INFO[h.rating].label}</span> <a href="#" data-doc="hub:${esc(h.hubId)}">${esc(h.hubTitle)}</a> — ${esc(h.note)}</li>`,
  );
  return `<h2 id="hubs-that-show-this-principle">Hubs that show this principle</h2>\n<p class="muted">Computed from the case studies' assessments; each note is cited in its case study.</p>\n${
    rows.length ? `<ul class="principle-hubs">\n${rows.join('\n')}\n</ul>` : '<p>No case study rates this principle yet.</p>'
  }\n`;
}

function hubPrinciplesHtml(doc: KnowledgeDoc, ctx: RenderContext, env: Env): string {
  const rows = (doc.hub?.principles ?? []).map((p) => {
    const target = ctx.byRef('principle', p.id);
    const name = target ? `<a href="#" data-doc="${esc(docRef(target))}">${esc(target.title)}</a>` : esc(p.id);
    return `<tr id="principle-${esc(p.id)}" class="rating-${p.rating}"><td>${name}</td><td><span class="badge rating">${RATING_INFO[p.rating].label}</span></td><td>${esc(p.note)}${cite(env, p.src)}</td></tr>`;
  });
  return `<h2 id="design-principles">Design principles</h2>\n<p class="muted">How this hub measures against the design principles for impact hubs (an assessment from the cited evidence).</p>\n<table class="principles"><thead><tr><th>Principle</th><th>Rating</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>\n`;
}

function row(label: string, value: string, env: Env, src?: string[]): string {
  if (!value) return '';
  return `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}${cite(env, src)}</td></tr>`;
}

function headerCard(doc: KnowledgeDoc, env: Env): string {
  const kind = KINDS[doc.kind].label;
  const origin = doc.origin === 'workspace' ? ' · your workspace' : '';
  let facts = '';
  const h = doc.hub;
  if (h) {
    const founded = [h.founded?.year, h.founded?.text].filter(Boolean).join(' — ');
    const gov = [h.governance?.board, h.governance?.constituencies.length ? `Constituencies: ${h.governance.constituencies.join(', ')}` : ''].filter(Boolean).join('. ');
    const sec = [h.secretariat?.location, h.secretariat?.size].filter(Boolean).join('; ');
    const money = [h.funding?.model, ...(h.funding?.amounts ?? []).map((a) => a.text)].filter(Boolean);
    facts = [
      row('Goal', h.goal?.text ?? '', env, h.goal?.src),
      row('Founded', founded, env, h.founded?.src),
      row('Launched by', h.launched_by?.text ?? '', env, h.launched_by?.src),
      row('Legal form', h.legal_form?.text ?? '', env, h.legal_form?.src),
      row('Host', h.host?.text ?? '', env, h.host?.src),
      row('Secretariat', sec, env, h.secretariat?.src),
      row('Governance', gov, env, h.governance?.src),
      row('Issue area', h.issue_area ? `${h.issue_area.text}${h.issue_area.category ? ` (${ISSUE_CATEGORIES[h.issue_area.category]})` : ''}` : '', env, h.issue_area?.src),
      money.length ? `<tr><th scope="row">Funding</th><td>${esc(h.funding?.model ?? '')}${cite(env, h.funding?.src)}${(h.funding?.amounts ?? []).map((a) => `<div>${esc(a.text)}${cite(env, a.src)}</div>`).join('')}</td></tr>` : '',
      row('SDGs', h.sdgs.map((n) => `${n} ${SDG_NAMES[n] ?? ''}`.trim()).join('; '), env),
      row('Regions', h.regions.map((r) => REGIONS[r] ?? r).join(', '), env),
      row('Actors', h.actor_types.map((a) => ACTOR_TYPES[a] ?? a).join(', '), env),
      h.website && safeExternalUrl(h.website) ? `<tr><th scope="row">Website</th><td><a class="external" href="${esc(safeExternalUrl(h.website))}" data-external="${esc(safeExternalUrl(h.website))}">${esc(h.website)}</a></td></tr>` : '',
      row('Last reviewed', h.last_reviewed ?? '', env),
    ].join('');
  }
  const aliases = h?.aliases.length ? `<p class="aliases">Also known as ${h.aliases.map(esc).join(' · ')}</p>` : '';
  const questions = doc.questions.length ? `<div class="questions"><h2>Questions for your charter</h2><ul>${doc.questions.map((q) => `<li>${esc(q)}</li>`).join('')}</ul></div>` : '';
  return `<header class="card">
<div class="kind kind-${esc(doc.kind)}">${esc(kind)}${esc(origin)}</div>
<h1>${esc(doc.title)}</h1>
${aliases}
${doc.summary ? `<p class="summary">${esc(doc.summary)}</p>` : ''}
${facts ? `<table class="facts">${facts}</table>` : ''}
${questions}
</header>`;
}
