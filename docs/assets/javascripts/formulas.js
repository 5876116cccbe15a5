// Formulas, typeset by MathJax (served by this site) only when they are about to be seen: a formula in the
// page when it scrolls near the screen, a formula in an answer when the answer opens, every formula before
// printing. MathJax itself loads with the first formula to show, so pages without formulas never load it.
// Works with instant navigation: each new page is watched again.
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const root = new URL(config.base + "/", location.href) // resolved once: valid after instant navigation
  let loading = null
  let pending = Promise.resolve()

  window.MathJax = {
    tex: {
      inlineMath: [["\\(", "\\)"]],
      displayMath: [["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true
    },
    options: { ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex" },
    svg: { fontCache: "local" },
    startup: { typeset: false }
  }

  const load = () => loading = loading || new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = new URL("assets/mathjax/tex-svg.js", root).href
    script.async = true
    script.onload = resolve
    script.onerror = reject
    document.head.appendChild(script)
  }).then(() => MathJax.startup.promise)

  const typeset = elements => {
    const waiting = [...elements].filter(element => !element.dataset.typeset)
    waiting.forEach(element => { element.dataset.typeset = "" })
    if (waiting.length)
      pending = pending.then(load).then(() => MathJax.typesetPromise(waiting))
    return pending
  }

  const visible = new IntersectionObserver(entries => {
    const seen = entries.filter(entry => entry.isIntersecting).map(entry => entry.target)
    seen.forEach(element => visible.unobserve(element))
    typeset(seen)
  }, { rootMargin: "400px 0px" })

  const watch = () => {
    visible.disconnect()
    for (const element of document.querySelectorAll("article .arithmatex:not([data-typeset])"))
      if (!element.closest("details:not([open])")) visible.observe(element)
  }

  document.addEventListener("toggle", event => {
    if (event.target.open) typeset(event.target.querySelectorAll(".arithmatex"))
  }, true)
  window.addEventListener("beforeprint", () => typeset(document.querySelectorAll("article .arithmatex")))

  // For tests and for printing: typeset every formula of the page, resolve when done.
  window.handbookMath = { all: () => typeset(document.querySelectorAll("article .arithmatex")),
                          done: () => pending }

  document$.subscribe(() => {
    if (loading && window.MathJax.typesetClear) MathJax.typesetClear()
    watch()
  })
})()
