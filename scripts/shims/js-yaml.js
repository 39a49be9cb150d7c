// gray-matter requires js-yaml for its default YAML engine; Impact Hubs always passes its own
// engines (src/core/frontmatter.ts: the yaml package, and refusing js/javascript engines), so
// js-yaml is never called and is left out of the bundles (about 40 KB each).
const unused = () => {
  throw new Error('js-yaml is not bundled: front matter is parsed with the yaml package');
};
module.exports = { safeLoad: unused, safeDump: unused, load: unused, dump: unused };
