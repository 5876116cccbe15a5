// Practice mode: open the answer a link points to, mark questions as mastered or to review (kept in this
// browser), show progress, expand or collapse all answers, jump to a random question, keyboard shortcuts.
// The buttons are in the page from the start (written at build, in the page's language): this script gives
// them life, so nothing moves when it runs. Works with instant navigation (the state is shown again on each
// page Material shows) and offline.
(() => {
  const config = material.config()
  const site = new URL(config.base + "/", location.href) // resolved once: valid after instant navigation
  const meta = document.querySelector('meta[name="handbook:language"]')
  const languageRoot = meta ? JSON.parse(meta.content).root : ""
  // Every question of the site [{id, page, section, url}] (hooks/questions.py), loaded only when needed: for a
  // random question, or to count the marks of a listing; a script, so that it also loads from file://.
  let index
  const allQuestions = () => index ||= new Promise(resolve => {
    const script = document.createElement("script")
    script.src = new URL("assets/javascripts/question-index.js", site).href
    script.onload = () => resolve(window.handbookQuestions || [])
    script.onerror = () => { index = undefined; resolve([]) }
    document.head.append(script)
  })

  const STORE = "handbook.marks"
  const marks = () => { try { return JSON.parse(localStorage.getItem(STORE)) || {} } catch { return {} } }
  const setMark = (id, mark) => {
    const all = marks()
    if (all[id] === mark) delete all[id]; else all[id] = mark
    localStorage.setItem(STORE, JSON.stringify(all))
    render()
  }

  const headings = () => [...document.querySelectorAll("article h2[id]")]
    .filter(h => h.nextElementSibling && h.nextElementSibling.matches(".qa-badges"))
  const answerOf = heading => {
    for (let node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling)
      if (node.tagName === "DETAILS") return node
    return null
  }
  const setAll = open => headings().forEach(h => { const a = answerOf(h); if (a) a.open = open })

  const openLinkedAnswer = () => {
    const heading = document.getElementById(decodeURIComponent(location.hash.slice(1)))
    const answer = heading && heading.tagName === "H2" && answerOf(heading)
    if (answer) answer.open = true
  }

  const currentSection = questions => {
    const page = questions.find(q => q.url === location.pathname.slice(new URL(languageRoot, site).pathname.length))
    return page ? page.section : null
  }

  const randomQuestion = async scope => {
    const all = marks(), questions = await allQuestions()
    const section = currentSection(questions)
    const pool = questions.filter(q =>
      (scope !== "section" || section === null || q.section === section) &&
      (scope !== "review" || all[q.id] === "review"))
    if (!pool.length) { alert(document.querySelector(".qa-toolbar").dataset.none); return }
    const q = pool[Math.floor(Math.random() * pool.length)]
    location.href = new URL(languageRoot + q.url, site).href + "#" + q.id
  }

  const render = () => {
    const all = marks()
    for (const group of document.querySelectorAll(".qa-badges .qa-marks")) {
      const id = group.parentElement.dataset.qid
      for (const b of group.querySelectorAll("button")) b.setAttribute("aria-pressed", String(all[id] === b.value))
    }
    const ids = headings().map(h => h.id)
    for (const count of document.querySelectorAll(".qa-page-progress [data-mark]"))
      count.textContent = ids.filter(id => all[id] === count.dataset.mark).length
    const cells = document.querySelectorAll(".qa-progress")
    const count = questions => {
      for (const cell of cells) {
        const inScope = questions.filter(q => cell.dataset.page !== undefined ? q.page === cell.dataset.page
          : !cell.dataset.section || q.section === cell.dataset.section)
        const done = inScope.filter(q => all[q.id] === "mastered").length
        cell.textContent = done ? ` · ✓ ${done}` : ""
        cell.title = `${cell.dataset.label} ${done} / ${cell.dataset.count}`
      }
    }
    if (cells.length) Object.values(all).includes("mastered") ? allQuestions().then(count) : count([])
  }

  document.addEventListener("click", event => {
    const button = event.target.closest(".qa-toolbar button, .qa-marks button")
    if (!button) return
    const action = button.dataset.action
    if (action === "expand" || action === "collapse") setAll(action === "expand")
    else if (action === "random") randomQuestion(document.querySelector(".qa-scope").value)
    else setMark(button.closest(".qa-badges").dataset.qid, button.value)
  })

  const currentHeading = () => {
    const all = headings()
    return all.filter(h => h.getBoundingClientRect().top < 120).pop() || all[0]
  }

  document.addEventListener("keydown", event => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) return
    const list = headings()
    if (!list.length) return
    const here = currentHeading()
    const index = list.indexOf(here)
    const actions = {
      e: () => setAll(true), c: () => setAll(false), r: () => randomQuestion("section"),
      j: () => list[Math.min(index + 1, list.length - 1)].scrollIntoView(),
      k: () => list[Math.max(index - 1, 0)].scrollIntoView(),
      m: () => setMark(here.id, "mastered"), u: () => setMark(here.id, "review")
    }
    const action = actions[event.key.toLowerCase()]
    if (action) { event.preventDefault(); action() }
  })

  material.onPage(() => {
    render()
    openLinkedAnswer()
  })
  window.addEventListener("hashchange", openLinkedAnswer)
})()
