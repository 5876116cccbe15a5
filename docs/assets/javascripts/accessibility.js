// Accessibility fixes for Material's markup:
// - the search dialog gets a name (its search box's label);
// - the page's tag list gets a name of its own (without one it is a second navigation region named like
//   the current section);
// - the tag lists in search results are plain lists, not navigation regions (a dozen unnamed ones would be).
document$.subscribe(() => {  // after every instant navigation
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
