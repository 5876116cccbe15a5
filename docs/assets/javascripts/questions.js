// Practice mode: open the answer a link points to, mark questions as mastered or to review (kept in this
// browser), show progress, expand or collapse all answers, jump to a random question, keyboard shortcuts.
// Works with instant navigation (everything is redone on each `document$` emission) and offline.
(() => {
  const WORDS = {
    zh: { expand: "展开全部", collapse: "折叠全部", random: "随机一题", section: "本分区", all: "全部",
          review: "只抽待复习", mastered: "已掌握", toReview: "待复习", none: "没有符合条件的题目",
          keys: "快捷键：E 展开 · C 折叠 · R 随机 · J/K 下一题/上一题 · M 已掌握 · U 待复习" },
    "zh-Hant": { expand: "展開全部", collapse: "摺疊全部", random: "隨機一題", section: "本分區", all: "全部",
          review: "只抽待複習", mastered: "已掌握", toReview: "待複習", none: "沒有符合條件的題目",
          keys: "快速鍵：E 展開 · C 摺疊 · R 隨機 · J/K 下一題/上一題 · M 已掌握 · U 待複習" },
    en: { expand: "Expand all", collapse: "Collapse all", random: "Random question", section: "This section",
          all: "All", review: "To review only", mastered: "Mastered", toReview: "To review",
          none: "No question matches", keys: "Keys: E expand · C collapse · R random · J/K next/previous · M mastered · U to review" }
  }
  const words = WORDS[document.documentElement.lang] || WORDS.zh
  const config = JSON.parse(document.getElementById("__config").textContent)
  const site = new URL(config.base + "/", location.href) // resolved once: valid after instant navigation
  const meta = document.querySelector('meta[name="handbook:language"]')
  const languageRoot = meta ? JSON.parse(meta.content).root : ""
  const questions = window.handbookQuestions || [] // [{id, page, section, url}], written at build

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

  const button = (label, action, extra = {}) => {
    const b = Object.assign(document.createElement("button"), { type: "button", textContent: label, ...extra })
    b.className = "md-button qa-button"
    b.addEventListener("click", action)
    return b
  }

  const currentSection = () => {
    const page = questions.find(q => q.url === location.pathname.slice(new URL(languageRoot, site).pathname.length))
    return page ? page.section : null
  }

  const randomQuestion = scope => {
    const all = marks()
    const section = currentSection()
    const pool = questions.filter(q =>
      (scope !== "section" || section === null || q.section === section) &&
      (scope !== "review" || all[q.id] === "review"))
    if (!pool.length) { alert(words.none); return }
    const q = pool[Math.floor(Math.random() * pool.length)]
    location.href = new URL(languageRoot + q.url, site).href + "#" + q.id
  }

  const toolbar = () => {
    const bar = document.createElement("div")
    bar.className = "qa-toolbar"
    bar.setAttribute("data-search-exclude", "")
    const scope = document.createElement("select")
    scope.className = "qa-scope"
    scope.setAttribute("aria-label", words.random)
    for (const [value, label] of [["section", words.section], ["all", words.all], ["review", words.review]])
      scope.append(new Option(label, value))
    const progress = Object.assign(document.createElement("span"), { className: "qa-page-progress" })
    bar.append(button(words.expand, () => setAll(true)), button(words.collapse, () => setAll(false)),
               button(words.random, () => randomQuestion(scope.value)), scope, progress)
    bar.title = words.keys
    return bar
  }

  const render = () => {
    const all = marks()
    for (const heading of headings()) {
      const badges = heading.nextElementSibling
      let group = badges.querySelector(".qa-marks")
      if (!group) {
        group = Object.assign(document.createElement("span"), { className: "qa-marks" })
        group.append(button(words.mastered, () => setMark(heading.id, "mastered"), { value: "mastered" }),
                     button(words.toReview, () => setMark(heading.id, "review"), { value: "review" }))
        badges.insertBefore(group, badges.querySelector(".qa-report"))
      }
      for (const b of group.querySelectorAll("button"))
        b.setAttribute("aria-pressed", String(all[heading.id] === b.value))
    }
    const pageProgress = document.querySelector(".qa-page-progress")
    if (pageProgress) {
      const ids = headings().map(h => h.id)
      pageProgress.textContent = `${words.mastered} ${ids.filter(id => all[id] === "mastered").length} / ${ids.length}` +
        ` · ${words.toReview} ${ids.filter(id => all[id] === "review").length}`
    }
    for (const cell of document.querySelectorAll(".qa-progress")) {
      const inScope = questions.filter(q => cell.dataset.page !== undefined ? q.page === cell.dataset.page
        : !cell.dataset.section || q.section === cell.dataset.section)
      const done = inScope.filter(q => all[q.id] === "mastered").length
      cell.textContent = done ? ` · ✓ ${done}` : ""
      cell.title = `${words.mastered} ${done} / ${cell.dataset.count}`
    }
  }

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

  document$.subscribe(() => {
    const title = document.querySelector("article h1")
    if (title && headings().length && !document.querySelector(".qa-toolbar")) title.after(toolbar())
    render()
    openLinkedAnswer()
  })
  window.addEventListener("hashchange", openLinkedAnswer)
})()
