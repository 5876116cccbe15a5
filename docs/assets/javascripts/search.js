// Adapt the messages Material sends to its search worker, before they reach it. Loaded in <head>,
// before Material creates the worker.
//  - The site is built in several languages into one search index: keep only the documents of the
//    language being read, so that no result appears twice in different languages.
//  - Material segments Chinese queries, but keeps mixed runs such as "BN和LN" or "根号dk" glued
//    together, so they match nothing: split Han characters from Latin letters and digits.
(() => {
  const SETUP = 0, QUERY = 2 // Material's SearchMessageType
  const meta = document.querySelector('meta[name="handbook:language"]')
  const language = meta ? JSON.parse(meta.content) : null // {"code": "en", "root": "en/", "roots": {…}}

  const inLanguage = location => {
    if (!language) return true
    const roots = Object.values(language.roots).filter(root => location.startsWith(root))
    return roots.sort((a, b) => b.length - a.length)[0] === language.root
  }

  const split = query =>
    query.replace(/(\p{sc=Han})(?=[A-Za-z0-9])|([A-Za-z0-9])(?=\p{sc=Han})/gu, "$1$2 ")

  const adapt = message => {
    if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs))
      return { ...message, data: { ...message.data, docs: message.data.docs.filter(doc => inLanguage(doc.location)) } }
    if (message && message.type === QUERY && typeof message.data === "string")
      return { ...message, data: split(message.data) }
    return message
  }

  const wrap = Native => Native && class extends Native {
    postMessage(message, ...rest) {
      return super.postMessage(adapt(message), ...rest)
    }
  }

  // A polyfill (the iframe worker used for file:// pages) may replace Worker later: wrap it too.
  let wrapped = wrap(window.Worker)
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get: () => wrapped,
    set: value => { wrapped = wrap(value) }
  })
})()
