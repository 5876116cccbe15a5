// Cut the book that book.js assembled and typeset (with fontCache "local") into the chapters of an EPUB (see
// epub.py): one per section, serialised as XHTML. Each formula becomes its SVG alone, labelled with its TeX, using
// glyphs shared by its chapter; links between questions and pages point into the chapter that holds their target;
// (book.js already sent links to pages left out of the book to the site online); diagrams and other images are
// listed to be packed into the book as files.
window.handbookEpub = {}

handbookEpub.chapters = () => {
  const book = document.body.firstElementChild
  book.remove()  // out of the page, so that Chromium stops laying out thousands of formulas at each change

  for (const item of MathJax.startup.document.math) {
    const container = item.typesetRoot, svg = container && container.querySelector("svg")
    if (!svg) continue
    svg.removeAttribute("aria-hidden")
    svg.removeAttribute("focusable")
    svg.setAttribute("role", "img")
    svg.setAttribute("aria-label", item.math.trim())
    for (const element of [svg, ...svg.querySelectorAll("[data-mml-node], [data-c]")]) {
      element.removeAttribute("data-mml-node")
      element.removeAttribute("data-c")
    }
    container.replaceWith(svg)
  }
  book.querySelectorAll("script, noscript, mjx-assistive-mml").forEach(e => e.remove())

  const sections = [...book.querySelectorAll(":scope > section.book-section")]
  for (const section of sections) shareGlyphs(section)
  const files = new Map()  // id → the chapter file that holds it
  const chapters = sections.map((section, n) => {
    const file = `chapter-${String(n + 1).padStart(2, "0")}.xhtml`
    for (const element of section.querySelectorAll("[id]:not(svg [id])")) files.set(element.id, file)
    const heading = section.querySelector("h1, h2")
    return { file, title: heading ? heading.textContent.replace("¶", "").trim() : "", section }
  })
  for (const anchor of book.querySelectorAll("a[href]")) {
    const href = anchor.getAttribute("href")
    if (href.startsWith("#")) {
      const file = files.get(decodeURIComponent(href.slice(1)))
      if (file) anchor.setAttribute("href", file + href)
      else anchor.removeAttribute("href")
    }
  }
  // Diagrams (inlined by book.js) become image files again, a figure of their own rather than inside a paragraph.
  const serializer = new XMLSerializer()
  const images = []
  for (const holder of book.querySelectorAll("div.diagram")) {
    const svg = holder.querySelector("svg"), name = `images/diagram-${images.length + 1}.svg`
    const image = document.createElement("img")
    image.setAttribute("src", name)
    image.setAttribute("alt", svg.getAttribute("aria-label") || "")
    svg.removeAttribute("role")
    svg.removeAttribute("aria-label")
    images.push({ name, content: serializer.serializeToString(svg) })
    holder.replaceChildren(image)
    const paragraph = holder.parentElement
    if (paragraph.tagName === "P") {
      const figure = document.createElement("div")
      figure.className = "figure"
      figure.append(...paragraph.childNodes)
      paragraph.replaceWith(figure)
    }
  }
  for (const image of book.querySelectorAll("img[src]:not([src^='images/'])")) {
    const source = new URL(image.getAttribute("src"), location.href)
    const name = `images/${images.length + 1}-${source.pathname.split("/").pop()}`
    images.push({ name, url: source.href })
    image.setAttribute("src", name)
    if (!image.hasAttribute("alt")) image.setAttribute("alt", "")
  }
  return {
    chapters: chapters.map(({ file, title, section }) => ({
      file, title, svg: section.querySelector("svg") !== null, xhtml: serializer.serializeToString(section)
    })),
    files: Object.fromEntries(files),
    images
  }
}

// One set of glyph paths per chapter, as MathJax's "global" font cache has for a page: typeset with "local", every
// formula carries the paths of its glyphs (ids MJX-<n>-TEX-…); the first of each glyph moves into one hidden <svg>
// at the start of the chapter (id MJX-TEX-…), which every formula of the chapter uses.
const shareGlyphs = section => {
  const cache = document.createElementNS("http://www.w3.org/2000/svg", "svg")
  const defs = document.createElementNS("http://www.w3.org/2000/svg", "defs")
  const seen = new Set()
  cache.setAttribute("style", "display: none")
  cache.setAttribute("aria-hidden", "true")
  cache.append(defs)
  for (const path of section.querySelectorAll("svg > defs > path[id^='MJX-']")) {
    const id = path.id.replace(/^MJX-\d+-/, "MJX-")
    const local = path.parentElement
    if (!seen.has(id)) {
      seen.add(id)
      path.id = id
      defs.append(path)
    } else path.remove()
    if (!local.firstElementChild) local.remove()
  }
  for (const use of section.querySelectorAll("use")) {
    const href = use.getAttribute("xlink:href") || use.getAttribute("href") || ""
    if (/^#MJX-\d+-/.test(href))
      use.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", href.replace(/^#MJX-\d+-/, "#MJX-"))
  }
  if (seen.size) section.prepend(cache)
}
