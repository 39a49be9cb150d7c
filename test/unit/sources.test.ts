import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { realKb } from '../fixtures/real-kb';

const RESEARCH = path.join(__dirname, '..', '..', '..', 'shared', 'research');

describe('knowledge base sources', () => {
  it('every cited URL is copied verbatim from the research fact sheets (never invented)', function () {
    if (!fs.existsSync(RESEARCH)) this.skip(); // ../shared is beside the repository in CI and dev machines
    const research = fs
      .readdirSync(RESEARCH)
      .filter((f) => f.endsWith('.md'))
      .map((f) => fs.readFileSync(path.join(RESEARCH, f), 'utf8'))
      .join('\n');
    // The only permitted change to a URL from the research: the same path on the publisher's own
    // host (knowledge/citation-policy.json, after shared/research/citation-fixes.md).
    const policy = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'knowledge', 'citation-policy.json'), 'utf8')) as { hostRewrites: Record<string, string> };
    const variants = (url: string): string[] => {
      // The URL standard ignores a third slash after http(s):, so "https:///host/x" in the research
      // is the same address as "https://host/x"; the knowledge base cites the well-formed one.
      // Likewise a host written with the DNS root's trailing dot ("ideas.repec.org.") is the same host.
      const out = [url, url.replace(/^(https?:\/\/)/, '$1/')];
      const parts = /^(https?:\/\/)([^/]+)(.*)$/.exec(url);
      if (parts) out.push(`${parts[1]}${parts[2]}.${parts[3]}`);
      for (const [from, to] of Object.entries(policy.hostRewrites)) {
        const m = parts;
        if (m && m[2] === to) out.push(`${m[1]}${from}${m[3]}`, `http://${from}${m[3]}`, `https://${from}${m[3]}`);
      }
      return out;
    };
    const { bundle } = realKb();
    const missing: string[] = [];
    let n = 0;
    for (const d of bundle.docs) {
      for (const s of d.sources) {
        n++;
        if (!variants(s.url).some((v) => research.includes(v))) missing.push(`${d.path} [^${s.label}] ${s.url}`);
      }
    }
    assert.ok(n > 500, `${n} sources checked`);
    assert.deepEqual(missing, []);
  });

  it('every hub cites at least 8 distinct sources and marks secondary ones', () => {
    const { bundle } = realKb();
    for (const d of bundle.docs.filter((x) => x.kind === 'hub')) {
      const urls = new Set(d.sources.map((s) => s.url));
      assert.ok(urls.size >= 8, `${d.id}: ${urls.size}`);
    }
    assert.ok(bundle.docs.some((d) => d.sources.some((s) => s.secondary)), 'secondary sources are flagged');
  });
});
