// Load MathJax (served by this site) only on pages that contain formulas, and typeset every page once,
// including pages reached through instant navigation.
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const root = new URL(config.base + "/", location.href) // resolved once: valid after instant navigation
  let ready = null

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

  const load = () => new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = new URL("assets/mathjax/tex-svg.js", root).href
    script.async = true
    script.onload = resolve
    script.onerror = reject
    document.head.appendChild(script)
  }).then(() => MathJax.startup.promise)

  const typeset = () => {
    if (!document.querySelector(".arithmatex")) return
    ready = ready || load()
    window.handbookMath = ready.then(() => {
      MathJax.typesetClear()
      return MathJax.typesetPromise([document.querySelector("article") || document.body])
    })
  }

  document$.subscribe(typeset)
})()
