// Search, adapted for this site. Loaded just before Material's bundle, so it runs before Material starts.
// On the published site, Pagefind answers the queries typed into Material's search box
// (hooks/search_pagefind.py writes its index): a query loads only the parts of the index it needs and the
// excerpts of the results shown, not the whole index of the language. Material's own search (lunr, its whole
// index built in the browser) stays for the offline bundle, where Pagefind cannot fetch its files from
// file://, and for `scripts/serve`.
// With Material's own search:
//  - The index is loaded when the reader opens search, not with every page, and only the index of the
//    language being read (search/search_index.<lang>.json, written at build): pages stay light on a phone.
//  - The offline bundle has one index for all languages: keep only the documents of the language being
//    read, so that no result appears twice in different languages.
// With both, the query is cleaned before it is searched:
//  - Material segments Chinese queries, but keeps mixed runs such as "BN和LN" or "根号dk" glued
//    together, so they match nothing: split Han characters from Latin letters and digits.
//  - Question words ("怎么", "为什么", "有哪些") and particles next to Latin words ("BN和LN的区别")
//    match nearly every question and drown the words that matter: drop them.
//  - A term made only of zeros ("初始化为0") makes lunr throw, and the reader gets no result: drop it.
//  - Material's segmenter splits a run of Han characters into words of the index, but never takes the
//    whole run as one word, so "涌现" would be searched as "涌* 现*". A sentinel character that is in no
//    index ("〇") after each run lets the whole run count as a word.
// And the results are listed by question, not by page:
//  - Material groups results by page, ranks each group by its best entry (a page gets twice the boost of
//    a section) and folds every section scoring below the group's best under "N more on this page". A
//    reader typing "LoRA" saw three page titles and had to unfold them to find the question. Here every
//    matching question is a result of its own, under the title of its page, ranked by its own score;
//    a page is a result by itself too, its score brought back to a section's scale.
(() => {
  const { SETUP, READY, QUERY, RESULT } = material.search.messages
  const pagefind = document.querySelector('meta[name="handbook:search"]')?.content === "pagefind"
  const meta = document.querySelector('meta[name="handbook:language"]')
  const language = meta ? JSON.parse(meta.content) : null // {"code": "en", "root": "en/", "roots": {…}}

  const inLanguage = location => {
    if (!language) return true
    const roots = Object.values(language.roots).filter(root => location.startsWith(root))
    return roots.sort((a, b) => b.length - a.length)[0] === language.root
  }

  const QUESTION_WORDS = /怎么办|怎么样|怎么|怎麼辦|怎麼樣|怎麼|如何|为什么|為什麼|为何|為何|是什么|什么是|什么|是什麼|什麼是|什麼|有哪些|哪些|是否|吗|嗎|呢/gu
  const PARTICLES = /(?<=[A-Za-z0-9])[的和与與及跟是]+|[的和与與及跟是]+(?=[A-Za-z0-9])/gu

  const clean = query => query
    .replace(QUESTION_WORDS, " ")
    .replace(PARTICLES, " ")
    .replace(/(\p{sc=Han})(?=[A-Za-z0-9])|([A-Za-z0-9])(?=\p{sc=Han})/gu, "$1$2 ")
    .replace(/(^|\s)0+(?=\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim() || query
  const normalize = query => clean(query).replace(/\p{sc=Han}+/gu, run => run + "〇")

  const adapt = message => {
    if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs))
      return { ...message, data: { ...message.data, docs: message.data.docs.filter(doc => inLanguage(doc.location)) } }
    if (message && message.type === QUERY && typeof message.data === "string")
      return { ...message, data: normalize(message.data) }
    return message
  }

  // Material's post-query boost is score × (1 + b²), b = (1 if a page) + the share of query terms found
  const asSection = doc => {
    const terms = Object.values(doc.terms), found = terms.filter(Boolean).length / (terms.length || 1)
    return doc.score * (1 + found ** 2) / (1 + (1 + found) ** 2)
  }

  const byQuestion = ({ items, ...rest }) => {
    const results = items.flatMap(group => {
      const page = group.find(doc => !doc.location.includes("#"))
      const sections = group.filter(doc => doc !== page)
      // the page's title heads each of its sections; a score of 0 keeps "Enter" on the section. A section
      // carries its page's tags (they rank it), which are not its own: they are not shown.
      const own = sections.map(doc =>
        ({ score: doc.score, docs: [{ ...page, score: 0, tags: undefined }, { ...doc, tags: undefined }] }))
      return page && page.score > 0 ? [{ score: asSection(page), docs: [page] }, ...own] : own
    })
    return { items: results.sort((a, b) => b.score - a.score).map(result => result.docs), ...rest }
  }

  const received = event =>
    event.data && event.data.type === RESULT && event.data.data && Array.isArray(event.data.data.items)
      ? new MessageEvent("message", { data: { ...event.data, data: byQuestion(event.data.data) } })
      : event

  // The results list says which query it shows, once they are drawn (tests wait for it).
  const answered = query => setTimeout(() => {
    const list = document.querySelector(material.find.searchResults)
    if (list) list.dataset.query = query
  })

  const wrap = Native => Native && pagefind
    ? function (url, options) { return material.search.worker.test(url) ? new PagefindWorker() : new Native(url, options) }
    : Native && class extends Native {
    asked = [] // the queries not answered yet: the worker answers them in turn
    constructor(...args) {
      super(...args)
      super.addEventListener("message", event => event.data?.type === RESULT && answered(this.asked.shift()))
    }

    postMessage(message, ...rest) {
      if (message?.type === QUERY) this.asked.push(message.data)
      return super.postMessage(adapt(message), ...rest)
    }

    addEventListener(type, listener, ...rest) {
      if (type !== "message" || typeof listener !== "function")
        return super.addEventListener(type, listener, ...rest)
      const adapted = event => listener.call(this, received(event))
      this.adapted = this.adapted || new Map()
      this.adapted.set(listener, adapted)
      return super.addEventListener(type, adapted, ...rest)
    }

    removeEventListener(type, listener, ...rest) {
      return super.removeEventListener(type, this.adapted?.get(listener) || listener, ...rest)
    }
  }

  // Material requests search/search_index.json (with XMLHttpRequest) as soon as a page loads: wait
  // until search is opened, and request the index of the page's language instead.
  let opened
  const searchOpened = new Promise(resolve => { opened = resolve })
  document.addEventListener("focusin", event => event.target.matches?.(material.find.searchInput) && opened())
  document.addEventListener("change", event => event.target.id === material.search.toggle && opened())
  const deferred = new WeakSet()
  const { open, send } = XMLHttpRequest.prototype
  // With Pagefind, Material gets an empty index (it only passes it on to the worker that Pagefind replaces).
  const EMPTY = `data:application/json,${encodeURIComponent('{"config":{"lang":["en"],"separator":" ","pipeline":[],"fields":{}},"docs":[]}')}`
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const index = material.search.index.test(String(url))
    if (index && pagefind) return open.call(this, method, EMPTY, ...rest)
    if (index && language) deferred.add(this)
    const own = index && language ? String(url).replace(/\.json$/, `.${language.code}.json`) : url
    return open.call(this, method, own, ...rest)
  }
  XMLHttpRequest.prototype.send = function (...body) {
    if (!deferred.has(this)) return send.apply(this, body)
    searchOpened.then(() => send.apply(this, body))
  }

  // Pagefind in place of Material's search worker: the same messages, the same results (one per question).
  // Pagefind finds the pages holding every word of a query; a reader's query often has a word no answer
  // uses, so each word is searched on its own too, and a page's or a question's score adds up what it
  // matched, the whole query counting thrice. Only the best pages are opened (each is one download) and
  // their questions ranked.
  const PAGES = 6, WHOLE = 3
  const escape = text => text.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`)
  // each language has its index in its own folder (hooks/search_pagefind.py): pagefind/, en/pagefind/, …
  const home = () => new URL(language?.root || "",
    new URL(material.config().base, location.href))
  let engine, symbols = {}
  const load = () => engine ||= import(new URL("pagefind/pagefind.js", home())).then(async module => {
    await module.options({ baseUrl: home().pathname, excerptLength: 40 })
    await module.init()
    symbols = await fetch(new URL("pagefind/plain.json", home())).then(answer => answer.json()).catch(() => ({}))
    return module
  })
  // Formulas as text (√d_k), the way hooks/qa/plain.py writes them for the rest of the site: results hold no
  // formula renderer.
  const plainMath = tex => tex
    .replace(/\\frac\{((?:[^{}]|\{[^{}]*\})*)\}\{((?:[^{}]|\{[^{}]*\})*)\}/g, "($1)/($2)")
    .replace(/\\[A-Za-z]+|\\[,;!{}]/g, command => command in symbols ? symbols[command] : command.slice(1))
    .replace(/\^\s*\{?(?:T|ᵀ)\}?/g, "ᵀ")
    .replace(/[{}]/g, "").replace(/\0/g, "{").replace(/\x01/g, "}").trim()
  const plain = text => text
    .replace(/\\\((.+?)\\\)|\\\[(.+?)\\\]/g, (_, inline, display) => plainMath(inline || display))
  const wholeFormulas = excerpt => excerpt // the part of a formula cut off at either end of an excerpt goes
    .replace(/^(?:(?!\\[(\[])[^])*?\\[)\]]/, "")
    .replace(/\\[(\[](?![^]*?\\[)\]])[^]*$/, "")
  // A question's excerpt starts with its title, shown just above it: skip the title's characters (tags kept)
  const withoutTitle = (excerpt, title) => {
    const text = excerpt.replace(/<[^>]*>/g, "")
    if (!title || !text.startsWith(title)) return excerpt
    let kept = 0, skipped = 0
    while (skipped < title.length && kept < excerpt.length)
      if (excerpt[kept] === "<") kept = excerpt.indexOf(">", kept) + 1
      else { kept++; skipped++ }
    return excerpt.slice(kept).replace(/^(\s*<\/mark>)*/, "").trim()
  }
  if (pagefind) searchOpened.then(load) // ready by the first keystroke
  const words = query => [...new Intl.Segmenter(document.documentElement.lang || "zh", { granularity: "word" })
    .segment(query)].filter(part => part.isWordLike).map(part => part.segment)

  const pagefindResult = async typed => {
    const module = await load(), query = clean(typed), terms = words(query)
    const searches = [[query, WHOLE], ...(terms.length > 1 ? terms.map(term => [term, 1]) : [])]
    const pages = new Map() // page id -> { score, found: [[result of one search, its weight]] }
    for (const [{ results }, weight] of await Promise.all(
      searches.map(async ([text, weight]) => [await module.search(text), weight])))
      for (const result of results) {
        const page = pages.get(result.id) || { score: 0, found: [] }
        page.score += weight * result.score
        page.found.push([result, weight])
        pages.set(result.id, page)
      }
    const best = [...pages.values()].sort((a, b) => b.score - a.score).slice(0, PAGES)
    const opened = await Promise.all(best.map(async page => { // one download per page, in parallel
      const found = []
      for (const [result, weight] of page.found.sort((a, b) => b[1] - a[1])) found.push([await result.data(), weight])
      return found
    }))
    const sections = new Map() // URL -> { data, section, score }: a section's excerpt is from its best search
    for (const [data, weight] of opened.flat())
      for (const section of data.sub_results) {
        const url = new URL(section.url, location.origin).href
        const entry = sections.get(url) || { data, section, score: 0 }
        entry.score += weight * section.weighted_locations.reduce((sum, at) => sum + at.balanced_score, 0)
        sections.set(url, entry)
      }
    const matched = Object.fromEntries(terms.map(term => [term, true]))
    const doc = (location, title, excerpt, score) => ({ location, title: escape(plain(title)),
      text: `<p>${withoutTitle(plain(wholeFormulas(excerpt)), plain(title))}</p>`, score, terms: matched })
    const items = [...sections].sort((a, b) => b[1].score - a[1].score).map(([url, { data, section, score }]) => {
      const top = new URL(data.url, location.origin).href
      return top === url
        ? [doc(top, data.meta.title, section.excerpt, score)]
        : [doc(top, data.meta.title, "", 0), doc(url, section.title, section.excerpt, score)]
    })
    return { items }
  }

  class PagefindWorker extends EventTarget {
    latest = 0
    postMessage(message) {
      const answer = data => this.dispatchEvent(new MessageEvent("message", { data }))
      if (message?.type === SETUP) return void setTimeout(() => answer({ type: READY }))
      if (message?.type !== QUERY) return
      const ticket = ++this.latest // a slower answer to an older query is dropped
      const reply = data => { if (ticket === this.latest) { answer({ type: RESULT, data }); answered(message.data) } }
      if (!message.data.trim()) return void Promise.resolve({ items: [] }).then(reply) // Material's first, empty query
      pagefindResult(message.data).then(reply, error => { console.warn("search failed", error); reply({ items: [] }) })
    }
    terminate() {}
  }

  // A polyfill (the iframe worker used for file:// pages) may replace Worker later: wrap it too.
  let wrapped = wrap(window.Worker)
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get: () => wrapped,
    set: value => { wrapped = wrap(value) }
  })
})()
