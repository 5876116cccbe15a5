// Accessibility fixes for Material's markup:
// - the search dialog gets a name (its search box's label);
// - the page's tag list gets a name of its own (without one it is a second navigation region named like
//   the current section);
// - the tag lists in search results and the copy bars of code blocks are not navigation regions;
// - a table or a display formula too wide for the screen can be scrolled from the keyboard (it takes the focus,
//   as code does).
const scrollable = new ResizeObserver(entries => {  // called after layout: reading the widths costs nothing
  for (const { target } of entries)
    if (target.scrollWidth > target.clientWidth) target.tabIndex = 0
    else target.removeAttribute("tabindex")
})

material.onPage(() => {  // after every instant navigation
  scrollable.disconnect()
  document.querySelectorAll(`${material.find.scrollingTable}, article div.arithmatex`).forEach(box => scrollable.observe(box))
  const dialog = document.querySelector(material.find.searchDialog)
  const input = document.querySelector(material.find.searchInput)
  if (dialog && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder)
  const tags = document.querySelector(material.find.pageTags)
  const label = document.querySelector(".qa-toolbar")?.dataset.tagsLabel // worded by the page's language
  if (tags && label) tags.setAttribute("aria-label", label)
})

// Navigation regions of Material's that are none, added as the reader goes: the tag list of each search result
// and the copy bar of each code block (a dozen unnamed ones would crowd out the real ones).
const NOT_NAVIGATION = `${material.find.searchResultTags}, ${material.find.codeBar}`
new MutationObserver(records => {
  for (const record of records)
    for (const node of record.addedNodes)
      if (node instanceof Element)
        for (const nav of [node, ...node.querySelectorAll("nav")])
          if (nav.matches(NOT_NAVIGATION)) nav.setAttribute("role", "none")
}).observe(document.body, { childList: true, subtree: true })
