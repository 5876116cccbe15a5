// Accessibility fixes for Material's markup:
// - the search dialog gets a name (its search box's label);
// - the page's tag list gets a name of its own (without one it is a second navigation region named like
//   the current section);
// - the tag lists in search results are plain lists, not navigation regions (a dozen unnamed ones would be);
// - so is the copy button's bar of each code block, added when the block is first seen;
// - a table too wide for the screen can be scrolled from the keyboard (it takes the focus, as code does).
const scrollable = new ResizeObserver(entries => {  // called after layout: reading the widths costs nothing
  for (const { target } of entries)
    if (target.scrollWidth > target.clientWidth) target.tabIndex = 0
    else target.removeAttribute("tabindex")
})

document$.subscribe(() => {  // after every instant navigation
  scrollable.disconnect()
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(wrap => scrollable.observe(wrap))
  const dialog = document.querySelector(".md-search")
  const input = document.querySelector(".md-search__input")
  if (dialog && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder)
  const tags = document.querySelector("article nav.md-tags, .md-content nav.md-tags")
  const names = { zh: "本页标签", "zh-Hant": "本頁標籤", en: "Tags of this page" }
  if (tags) tags.setAttribute("aria-label", names[document.documentElement.lang] || names.zh)
})

const results = document.querySelector(".md-search-result")  // kept across instant navigations
if (results) new MutationObserver(() => {
  results.querySelectorAll("nav.md-tags").forEach(nav => {
    const list = document.createElement("div")
    list.className = nav.className
    list.append(...nav.childNodes)
    nav.replaceWith(list)
  })
}).observe(results, { childList: true, subtree: true })

new MutationObserver(records => {
  for (const record of records)
    for (const node of record.addedNodes)
      if (node.classList?.contains("md-code__nav")) node.setAttribute("role", "none")
}).observe(document.body, { childList: true, subtree: true })
