// A marking scheme as people read it: each component with its aspects grouped by criterion (评分要素),
// in the scheme's order. Aspects without a criterion go under `generalName`.
export function schemeSections(components, generalName) {
  return (components || []).map((c) => {
    const groups = []
    for (const a of c.aspects || []) {
      const name = a.criterion || generalName
      let g = groups.find((x) => x.criterion === name)
      if (!g) groups.push((g = { criterion: name, aspects: [] }))
      g.aspects.push(a)
    }
    return { component: c, groups }
  })
}
