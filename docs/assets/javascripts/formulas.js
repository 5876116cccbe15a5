// Formulas, typeset by MathJax (served by this site) only when they are about to be seen: a formula in the
// page when it scrolls near the screen, a formula in an answer when the answer opens, every formula before
// printing. MathJax itself loads with the first formula to show, so pages without formulas never load it.
// Works with instant navigation: each new page is watched again.
// Printing lays the page out as soon as the "beforeprint" listeners have returned, so formulas are typeset
// synchronously then: MathJax, if not loaded yet, is fetched synchronously and run by the first listener;
// its start-up settles in the microtasks that run before the second listener, which typesets.
(() => {
  const config = material.config()
  const root = new URL(config.base + "/", location.href) // resolved once: valid after instant navigation
  const script = new URL("assets/mathjax/tex-svg.js", root).href
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
    loader: { paths: { mathjax: new URL("assets/mathjax", root).href } },
    startup: { typeset: false }
  }

  const load = () => loading = loading || new Promise((resolve, reject) => {
    const element = document.createElement("script")
    element.src = script
    element.async = true
    element.onload = resolve
    element.onerror = reject
    document.head.appendChild(element)
  }).then(() => MathJax.startup.promise)

  const loadNow = () => {
    if (loading) return
    const request = new XMLHttpRequest()
    request.open("GET", script, false)
    try { request.send() } catch { return } // a file:// page may not read files: formulas print as typed
    if (request.status !== 200 && request.status !== 0) return
    const element = document.createElement("script")
    element.textContent = request.responseText // an inline script runs as soon as it is inserted
    document.head.appendChild(element)
    loading = Promise.resolve().then(() => MathJax.startup.promise)
  }

  const unset = () => [...document.querySelectorAll("article .arithmatex")].filter(element => !element.querySelector("mjx-container"))

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
    // A page read from disk (the offline bundle) may not fetch files synchronously when printed, and loading
    // MathJax costs no download there: load it with the page.
    if (location.protocol === "file:" && document.querySelector("article .arithmatex")) load()
    for (const element of document.querySelectorAll("article .arithmatex:not([data-typeset])"))
      if (!element.closest("details:not([open])")) visible.observe(element)
  }

  document.addEventListener("toggle", event => {
    if (event.target.open) typeset(event.target.querySelectorAll(".arithmatex"))
  }, true)
  window.addEventListener("beforeprint", () => unset().length && loadNow())
  window.addEventListener("beforeprint", () => {
    const waiting = unset()
    if (!waiting.length || !window.MathJax.typeset) return
    waiting.forEach(element => { element.dataset.typeset = "" })
    MathJax.typeset(waiting)
  })

  // For tests and for printing: typeset every formula of the page, resolve when done.
  window.handbookMath = { all: () => typeset(document.querySelectorAll("article .arithmatex")),
                          done: () => pending }

  material.onPage(() => {
    if (loading && window.MathJax.typesetClear) MathJax.typesetClear()
    watch()
  })
})()
