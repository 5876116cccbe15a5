// Assemble the whole handbook of one language, or one of its sections, into this page, ready to print (see
// book.py): run in Chromium on a page of the language in the built site. assemble() gathers the pages and returns
// the table of contents and the text (for the fonts); typeset() then sets the formulas and returns the body HTML.
window.handbookBook = {}

// The pages of the book, in the order of the navigation, each with its section: the title shown and a key, the
// first folder of the section's first page ("ml-basics"), the same in every language.
handbookBook.pages = async skipped => {
  // Each page's navigation holds the pages of its own section only; another section is one link (Material prunes
  // it), and its pages are read from that link's page.
  const parser = new DOMParser()
  const load = async url => parser.parseFromString(await (await fetch(url)).text(), "text/html")
  const navigation = async (container, at) => {
    const entries = []
    for (const a of container.querySelectorAll(material.find.navigationLink)) {
      const url = new URL(a.getAttribute("href"), at)
      url.hash = ""
      if (a.parentElement.matches(material.find.prunedSection)) {
        const page = await load(url)
        entries.push(...await navigation(page.querySelector(material.find.activeSection), url))
        continue
      }
      const item = a.closest(material.find.section)
      const section = item ? item.querySelector(material.find.sectionTitle).textContent.trim() : ""
      entries.push({ url, section })
    }
    return entries
  }
  // The home page and the skipped pages are left out, by their path in the language (this page is its glossary).
  const home = new URL("../", location.href)
  const name = url => url.pathname.slice(home.pathname.length).replace(/(index)?\.html$|\/$/g, "") || "home"
  const seen = new Set(), keys = new Map(), pages = []
  for (const { url, section } of await navigation(document, location.href)) {
    if (seen.has(url.href) || name(url) === "home" || skipped.includes(name(url))) continue
    seen.add(url.href)
    if (!keys.has(section)) keys.set(section, name(url).split("/")[0])
    pages.push({ url, section, key: keys.get(section) })
  }
  return pages
}

handbookBook.sections = async skipped =>
  [...new Map((await handbookBook.pages(skipped)).map(page => [page.key, page.section]))]
    .map(([key, title]) => ({ key, title }))

// `section`: only the pages of the section of that key (one volume of the book).
handbookBook.assemble = async ({ answerLabel, skipped, section }) => {
  const relative = material.config().base + "/"
  const base = handbookBook.base = new URL(relative, location.href)
  handbookBook.root = relative
  const slug = url => url.pathname.slice(base.pathname.length).replace(/(index)?\.html$|\/$/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-") || "home"
  const canonical = document.querySelector("link[rel=canonical]")
  const online = canonical ? new URL(relative, canonical.href).href : base.href
  const parser = new DOMParser()
  const pages = (await handbookBook.pages(skipped)).filter(page => !section || page.key === section)

  // Fetch every page and keep its article, with its own ids made unique in the book.
  const book = document.createElement("div")
  const questionIds = new Set(), pageIds = new Map(), toc = []
  let currentSection = null, sectionNode = null
  for (const [n, { url, section }] of pages.entries()) {
    const html = await (await fetch(url)).text()
    const article = parser.parseFromString(html, "text/html").querySelector("article")
    if (!article) continue
    article.querySelectorAll(`.headerlink, .qa-toolbar, .qa-marks, .qa-report, .qa-progress, ${material.find.pageChrome}`)
      .forEach(e => e.remove())
    const id = "page-" + slug(url)
    pageIds.set(url.href, id)
    if (section !== currentSection) {
      currentSection = section
      sectionNode = document.createElement("section")
      sectionNode.className = "book-section"
      if (section) {
        const h = document.createElement("h1")
        h.textContent = section
        h.id = "section-" + (toc.length + 1)
        sectionNode.append(h)
        toc.push({ level: 1, title: section, id: h.id })
      }
      book.append(sectionNode)
    }
    const page = document.createElement("article")
    page.className = "book-page"
    page.id = id
    const title = article.querySelector("h1")
    toc.push({ level: 2, title: title ? title.textContent.replace("¶", "").trim() : section, id })
    for (const heading of article.querySelectorAll("h1, h2, h3, h4")) {
      const level = Math.min(Number(heading.tagName[1]) + 1, 6)
      const copy = document.createElement("h" + level)
      copy.innerHTML = heading.innerHTML
      copy.id = heading.id
      heading.replaceWith(copy)
    }
    for (const element of article.querySelectorAll("[id]")) {
      if (element.tagName === "H3" && element.nextElementSibling?.matches(".qa-badges")) {
        questionIds.add(element.id)
        toc.push({ level: 3, title: element.textContent.trim(), id: element.id })
      } else if (element !== page) {
        element.id = `${id}--${element.id}`
      }
    }
    for (const details of article.querySelectorAll("details")) {
      const answer = document.createElement("div")
      answer.className = "book-answer"
      const summary = details.querySelector(":scope > summary")
      const label = document.createElement("p")
      label.className = "book-answer__label"
      label.textContent = summary ? summary.textContent.trim() : answerLabel
      if (summary) summary.remove()
      answer.append(label, ...details.childNodes)
      details.replaceWith(answer)
    }
    for (const image of article.querySelectorAll("img[src]")) {
      const source = new URL(image.getAttribute("src"), url)
      if (!source.pathname.endsWith(".svg")) { image.src = source.href; continue }
      // Diagrams are inlined, so that their text is set in the book's font; their ids are made unique.
      const svg = parser.parseFromString(await (await fetch(source)).text(), "image/svg+xml").documentElement
      const prefix = `svg${book.querySelectorAll("svg").length}${n}-`
      let markup = svg.outerHTML
      for (const element of svg.querySelectorAll("[id]"))
        markup = markup.replaceAll(`"${element.id}"`, `"${prefix}${element.id}"`)
          .replaceAll(`#${element.id})`, `#${prefix}${element.id})`).replaceAll(`"#${element.id}"`, `"#${prefix}${element.id}"`)
      const holder = document.createElement("div")
      holder.className = "diagram"
      holder.innerHTML = markup
      holder.firstElementChild.setAttribute("role", "img")
      holder.firstElementChild.setAttribute("aria-label", image.alt)
      image.replaceWith(holder)
    }
    for (const anchor of article.querySelectorAll("a[href]"))
      anchor.dataset.href = new URL(anchor.getAttribute("href"), url).href
    page.append(...article.childNodes)
    sectionNode.append(page)
    if ((n + 1) % 10 === 0 || n + 1 === pages.length) console.log(`page ${n + 1}/${pages.length}`)
  }

  // Links between pages and questions jump inside the book; other links stay absolute.
  for (const anchor of book.querySelectorAll("a[data-href]")) {
    const target = new URL(anchor.dataset.href)
    delete anchor.dataset.href
    const fragment = decodeURIComponent(target.hash.slice(1))
    target.hash = ""
    const page = pageIds.get(target.href)
    if (fragment && questionIds.has(fragment)) anchor.setAttribute("href", "#" + fragment)
    else if (page && fragment) anchor.setAttribute("href", `#${page}--${fragment}`)
    else if (page) anchor.setAttribute("href", "#" + page)
    else if (target.href.startsWith(base.href))  // a page of another volume: online
      anchor.setAttribute("href", online + target.href.slice(base.href.length) + (fragment ? "#" + fragment : ""))
    else anchor.setAttribute("href", target.href + (fragment ? "#" + fragment : ""))
  }

  document.body.replaceChildren(book)
  return { toc, text: book.innerText, online }
}

// Typeset every formula as SVG (MathJax is loaded only on pages with formulas: load it here if needed). The glyph
// paths are shared by the whole book ("global", for the PDF), or kept inside each formula ("local", for the EPUB,
// whose chapters are separate documents).
handbookBook.typeset = async ({ fontCache = "global" } = {}) => {
  const book = document.body.firstElementChild
  const base = handbookBook.base
  if (!window.MathJax || !MathJax.typesetPromise) {
    window.MathJax = {
      tex: { inlineMath: [["\\(", "\\)"]], displayMath: [["\\[", "\\]"]], processEscapes: true },
      options: { ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex" },
      svg: { fontCache },
      startup: { typeset: false }
    }
    await new Promise((resolve, reject) => {
      const script = document.createElement("script")
      script.src = new URL("assets/mathjax/tex-svg.js", base).href
      script.onload = resolve
      script.onerror = reject
      document.head.append(script)
    })
    await MathJax.startup.promise
  }
  MathJax.startup.output.options.fontCache = fontCache
  MathJax.startup.output.clearFontCache()
  await MathJax.typesetPromise([book])
  for (const hidden of book.querySelectorAll("mjx-assistive-mml")) hidden.remove()
  const cache = document.getElementById("MJX-SVG-global-cache")
  if (cache) book.prepend(cache.closest("svg") || cache)
  return { body: book.innerHTML, formulas: book.querySelectorAll("mjx-container").length }
}
