// Search, adapted for this site. Loaded just before Material's bundle, so it runs before Material starts.
//  - The index is loaded when the reader opens search, not with every page, and only the index of the
//    language being read (search/search_index.<lang>.json, written at build): pages stay light on a phone.
// Then the messages Material sends to its search worker are adapted before they reach it:
//  - The offline bundle has one index for all languages: keep only the documents of the language being
//    read, so that no result appears twice in different languages.
//  - Material segments Chinese queries, but keeps mixed runs such as "BN和LN" or "根号dk" glued
//    together, so they match nothing: split Han characters from Latin letters and digits.
//  - Question words ("怎么", "为什么", "有哪些") and particles next to Latin words ("BN和LN的区别")
//    match nearly every question and drown the words that matter: drop them.
//  - A term made only of zeros ("初始化为0") makes lunr throw, and the reader gets no result: drop it.
//  - Material's segmenter splits a run of Han characters into words of the index, but never takes the
//    whole run as one word, so "涌现" would be searched as "涌* 现*". A sentinel character that is in no
//    index ("〇") after each run lets the whole run count as a word.
// And the results it sends back are listed by question, not by page:
//  - Material groups results by page, ranks each group by its best entry (a page gets twice the boost of
//    a section) and folds every section scoring below the group's best under "N more on this page". A
//    reader typing "LoRA" saw three page titles and had to unfold them to find the question. Here every
//    matching question is a result of its own, under the title of its page, ranked by its own score;
//    a page is a result by itself too, its score brought back to a section's scale.
(() => {
  const SETUP = 0, QUERY = 2, RESULT = 3 // Material's SearchMessageType
  const meta = document.querySelector('meta[name="handbook:language"]')
  const language = meta ? JSON.parse(meta.content) : null // {"code": "en", "root": "en/", "roots": {…}}

  const inLanguage = location => {
    if (!language) return true
    const roots = Object.values(language.roots).filter(root => location.startsWith(root))
    return roots.sort((a, b) => b.length - a.length)[0] === language.root
  }

  const QUESTION_WORDS = /怎么办|怎么样|怎么|怎麼辦|怎麼樣|怎麼|如何|为什么|為什麼|为何|為何|是什么|什么是|什么|是什麼|什麼是|什麼|有哪些|哪些|是否|吗|嗎|呢/gu
  const PARTICLES = /(?<=[A-Za-z0-9])[的和与與及跟是]+|[的和与與及跟是]+(?=[A-Za-z0-9])/gu

  const normalize = query => query
    .replace(QUESTION_WORDS, " ")
    .replace(PARTICLES, " ")
    .replace(/(\p{sc=Han})(?=[A-Za-z0-9])|([A-Za-z0-9])(?=\p{sc=Han})/gu, "$1$2 ")
    .replace(/(^|\s)0+(?=\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\p{sc=Han}+/gu, run => run + "〇") || query

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

  const wrap = Native => Native && class extends Native {
    postMessage(message, ...rest) {
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
  document.addEventListener("focusin", event => event.target.matches?.(".md-search__input") && opened())
  document.addEventListener("change", event => event.target.id === "__search" && opened())
  const deferred = new WeakSet()
  const { open, send } = XMLHttpRequest.prototype
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const index = language && /\/search\/search_index\.json$/.test(String(url))
    if (index) deferred.add(this)
    const own = index ? String(url).replace(/search_index\.json$/, `search_index.${language.code}.json`) : url
    return open.call(this, method, own, ...rest)
  }
  XMLHttpRequest.prototype.send = function (...body) {
    if (!deferred.has(this)) return send.apply(this, body)
    searchOpened.then(() => send.apply(this, body))
  }

  // A polyfill (the iframe worker used for file:// pages) may replace Worker later: wrap it too.
  let wrapped = wrap(window.Worker)
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get: () => wrapped,
    set: value => { wrapped = wrap(value) }
  })
})()
