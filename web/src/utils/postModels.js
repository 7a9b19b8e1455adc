// 岗位能力模型 on the pages of 人才分析: which models belong to the organisation picked, which templates of
// the unions above may be copied, who may change a model, and how scores and gaps are written.

const WRITERS = new Set(['admin', 'organiser', 'hr'])

/** Is `orgId` the organisation `rootId` or below it? (`orgById`: the reader's organisations, GET /orgs.) */
export function inSubtree(orgById, orgId, rootId) {
  const seen = new Set()
  for (let id = orgId == null ? null : String(orgId); id && !seen.has(id); ) {
    if (id === String(rootId)) return true
    seen.add(id)
    const org = orgById.get(id)
    id = org && org.parent_id != null ? String(org.parent_id) : null
  }
  return false
}

/** The models of the organisation picked and of the organisations below it (their gaps stay inside it). */
export function modelsOfOrg(models, orgById, orgId) {
  return models.filter((m) => inSubtree(orgById, m.org_id, orgId))
}

/** The templates published above (or beside) the organisation picked: what 从模板复制 offers. */
export function templatesFor(models, orgById, orgId) {
  return models.filter((m) => m.template && !inSubtree(orgById, m.org_id, orgId))
}

/** May the user change (or remove) the model: a grant of admin, organiser or hr at its organisation or above? */
export function mayEditModel(user, orgById, model) {
  const grants = ((user && user.grants) || []).filter((g) => WRITERS.has(g.role) && g.org_id != null)
  return grants.some((g) => inSubtree(orgById, model.org_id, g.org_id))
}

/** May the user create models in `orgId`? */
export function mayWriteIn(user, orgById, orgId) {
  return mayEditModel(user, orgById, { org_id: orgId })
}

/** A score or gap as the pages write it: one decimal at most (64, 63.5); "—" for none. */
export function pointText(x) {
  if (x === null || x === undefined || Number.isNaN(Number(x))) return '—'
  return String(Math.round(Number(x) * 10) / 10)
}

/** The target of each dimension of a model: dimension id → target. */
export function targetById(model) {
  return new Map(((model && model.targets) || []).map((t) => [String(t.dimension_id), t.target]))
}

/** The dimension names of a model: dimension id → name. */
export function dimensionNames(model) {
  return new Map(((model && model.targets) || []).map((t) => [String(t.dimension_id), t.dimension_name]))
}
