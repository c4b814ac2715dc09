// Progressive enhancement: without this script every finding is listed, grouped by category and rule;
// with it they can be filtered and sorted in place. It reads only data attributes the page already has.
;(() => {
  const bar = document.getElementById('finding-filters')
  if (!bar) return
  const $ = (id) => document.getElementById(id)
  const severity = $('filter-severity')
  const namespace = $('filter-namespace')
  const rule = $('filter-rule')
  const text = $('filter-text')
  const sortBy = $('sort-by')
  const count = $('filter-count')
  const items = [...document.querySelectorAll('#findings li.finding')]
  const words = new Map(items.map((li) => [li, li.textContent.toLowerCase()]))
  const ranks = {critical: 0, high: 1, medium: 2, low: 3, info: 4}

  function filter() {
    const worst = severity.value === '' ? Infinity : ranks[severity.value]
    const needle = text.value.trim().toLowerCase()
    let shown = 0
    for (const li of items) {
      const match =
        Number(li.dataset.rank) <= worst &&
        (namespace.value === '' || namespace.value === `ns:${li.dataset.namespace}`) &&
        (rule.value === '' || rule.value === li.dataset.rule) &&
        (needle === '' || words.get(li).includes(needle))
      li.hidden = !match
      if (match) shown++
    }
    for (const group of document.querySelectorAll('#findings [data-group]')) {
      group.hidden = !group.querySelector('li.finding:not([hidden])')
    }
    count.textContent = `${shown} of ${items.length} findings shown`
  }

  function sort() {
    const key = sortBy.value
    const value = (li) => (key === 'rank' ? Number(li.dataset.rank) : li.dataset[key] || '\uffff')
    for (const list of document.querySelectorAll('#findings ol[data-sortable]')) {
      const rows = [...list.children].map((li) => ({li, o: Number(li.dataset.order), v: value(li)}))
      rows.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.o - b.o))
      list.append(...rows.map((r) => r.li))
    }
  }

  // the original order is the report's (worst first); remember it so "severity" restores it exactly
  for (const list of document.querySelectorAll('#findings ol[data-sortable]')) {
    ;[...list.children].forEach((li, i) => (li.dataset.order = String(i)))
  }
  for (const control of [severity, namespace, rule]) control.addEventListener('change', filter)
  text.addEventListener('input', filter)
  sortBy.addEventListener('change', sort)
  bar.hidden = false
  filter()
})()
