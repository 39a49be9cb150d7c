import * as assert from 'node:assert/strict';
import { deferOwnSearch, DEFER_OWN_ABOVE, SEARCH_PLACEHOLDER, searchTitle, withFilter } from '../../src/search/rows';
import { realKb } from '../fixtures/real-kb';

describe('the search box', () => {
  it('has a placeholder short enough to show whole beside its two buttons', () => {
    // The quick input is about 600 px wide; with two title buttons about 60 characters fit.
    assert.ok(SEARCH_PLACEHOLDER.length <= 56, `${SEARCH_PLACEHOLDER.length} characters`);
    assert.match(SEARCH_PLACEHOLDER, /kind:hub/);
  });

  it('shows how many documents match in its title', () => {
    assert.match(searchTitle('gavi', 12), /— 12 results$/);
    assert.match(searchTitle('gavi', 1), /— 1 result$/);
    assert.match(searchTitle('zzzz', 0), /— no results$/);
    assert.match(searchTitle('', 46), /— 46 documents$/);
    assert.match(searchTitle('kind:hub', 23), /— 23 results$/);
    assert.match(searchTitle('gavi', 3, true), /adding your documents/);
    const { engine } = realKb();
    const page = engine.searchPage('vaccine', { limit: 3 });
    assert.equal(page.results.length, 3);
    assert.ok(page.total > 3, `total ${page.total} counts every match, not just the page`);
  });

  it('keeps the typed words when a filter is picked, and does not add a filter twice', () => {
    assert.equal(withFilter('vaccines', 'kind:hub'), 'kind:hub vaccines ');
    assert.equal(withFilter('', 'sdg:3'), 'sdg:3 ');
    assert.equal(withFilter('kind:hub vaccines ', 'kind:hub'), 'kind:hub vaccines ');
  });

  it('searches on every keystroke; only a large folder of own documents waits for a pause', () => {
    assert.equal(deferOwnSearch(0), false);
    assert.equal(deferOwnSearch(2), false);
    assert.equal(deferOwnSearch(DEFER_OWN_ABOVE), false);
    assert.equal(deferOwnSearch(DEFER_OWN_ABOVE + 1), true);
  });

  it('can search the bundled documents alone, on the same scale', () => {
    const { engine } = realKb();
    const all = engine.search('gavi', { limit: 5 });
    const bundled = engine.search('gavi', { limit: 5, origin: 'bundled' });
    assert.deepEqual(bundled.map((r) => r.ref), all.filter((r) => r.origin === 'bundled').map((r) => r.ref));
    assert.equal(engine.search('gavi', { origin: 'workspace' }).length, 0);
  });
});
