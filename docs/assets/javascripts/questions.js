// Questions: a link or search result that points at a question opens its answer.
(() => {
  const answerOf = heading => {
    for (let node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling)
      if (node.tagName === "DETAILS") return node
    return null
  }

  const openLinkedAnswer = () => {
    const id = decodeURIComponent(location.hash.slice(1))
    const heading = id && document.getElementById(id)
    const answer = heading && heading.tagName === "H2" && answerOf(heading)
    if (answer) answer.open = true
  }

  document$.subscribe(openLinkedAnswer)
  window.addEventListener("hashchange", openLinkedAnswer)
})()
