// The language switcher keeps the page and the question being read. Material renders the switcher's
// links once per page load; after instant navigation they would still point at the first page read,
// so the target is computed on click from the current address.
(() => {
  const meta = document.querySelector('meta[name="handbook:language"]')
  if (!meta) return
  const language = JSON.parse(meta.content) // {"code": "en", "root": "en/", "roots": {"zh": "", …}}
  const config = material.config()
  const site = new URL(config.base + "/", location.href)

  document.addEventListener("click", event => {
    const link = event.target.closest && event.target.closest(material.find.languageLink)
    const root = link && language.roots[link.getAttribute("hreflang")]
    if (root === undefined || root === null) return
    event.preventDefault()
    event.stopPropagation()
    const page = location.pathname.slice(new URL(language.root, site).pathname.length)
    location.href = new URL(root + page, site).href + location.hash
  }, true)
})()
