// What the site's scripts take from Material for MkDocs in the browser, in one place: the classes of its markup,
// the configuration it writes into each page, its page stream and its search worker's messages. Checked against
// the pinned version by tests/test_adapters.py. Loaded before Material's bundle (overrides/main.html), so that
// search.js can use it before Material starts; printing (hooks/qa/book.js) uses it too.
const material = Object.freeze({
  // Elements of Material's markup, by what they are.
  find: Object.freeze({
    searchDialog: ".md-search",
    searchInput: ".md-search__input",
    searchResults: ".md-search-result",
    searchResultTags: ".md-search-result nav.md-tags",
    pageTags: "article nav.md-tags, .md-content nav.md-tags",
    languageLink: ".md-select__link[hreflang]",
    codeBar: "nav.md-code__nav",
    scrollingTable: ".md-typeset__scrollwrap",
    header: ".md-header",
    navigationLink: ".md-nav--primary .md-nav__link[href]:not([href^='#'])",
    prunedSection: ".md-nav__item--pruned",  // a section of another page, one link (navigation.prune)
    activeSection: ".md-nav--primary .md-nav__item--active",
    section: ".md-nav__item--section, .md-nav__item--nested",
    sectionTitle: ":scope > label, :scope > .md-nav__link",
    pageChrome: ".md-source-file, .md-content__button, .md-tags",  // not part of a page's text
  }),
  // The site's settings Material writes into each page (`base`: the site's root, relative to the page).
  config: () => JSON.parse(document.getElementById("__config").textContent),
  // Calls back once each page is shown: on load and after each instant navigation.
  onPage: callback => document$.subscribe(callback),
  // Its search: the worker's script, the index it requests, the toggle that opens the dialog, and the numbers of
  // the worker's messages (its SearchMessageType).
  search: Object.freeze({
    worker: /workers\/search/,
    index: /\/search\/search_index\.json$/,
    toggle: "__search",
    messages: Object.freeze({ SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 }),
  }),
})
