// 人才分析: how the pages write the figures of GET /analytics/* and where each figure leads. A city figure
// of null is withheld (it would rest on one to four workers of other organisations): the pages show "—"
// and say why, never 0.

/** 0.4 → "40%", 0.5667 → "56.7%"; null → "—". */
export function shareText(share) {
  if (share === null || share === undefined) return '—'
  const pct = Math.round(share * 1000) / 10
  return `${pct}%`
}

/** count of total as a share (0–1); null when there is no total. */
export function shareOf(count, total) {
  if (count === null || count === undefined || !total) return null
  return count / total
}

/** A change as the pages write it: "+2", "−1", "0" (a real minus sign). */
export function deltaText(delta) {
  if (!delta) return '0'
  return delta > 0 ? `+${delta}` : `−${Math.abs(delta)}`
}

/** The change of a share in percentage points, one decimal: "+5.0", "−2.5", "0". */
export function pointsText(now, before) {
  const d = Math.round((now - before) * 1000) / 10
  if (!d) return '0'
  return d > 0 ? `+${d.toFixed(1)}` : `−${Math.abs(d).toFixed(1)}`
}

/** 'up' | 'down' | '' for colouring a change. */
export function deltaDir(delta) {
  return delta > 0 ? 'up' : delta < 0 ? 'down' : ''
}

/**
 * The workers list behind a figure, within the reader's scope: the organisation's subtree, optionally one
 * work type and one level (WorkersView reads these from the query).
 */
export function workersLink(orgId, workTypeId, skillLevel) {
  const query = { org_id: String(orgId) }
  if (workTypeId) query.work_type_id = String(workTypeId)
  if (skillLevel) query.skill_level = skillLevel
  return { name: 'workers', query }
}

// One colour per level of the 新八级工 ladder, lowest first: the lower levels in greys and blues, 高级工 and
// above (the high-skilled) in greens, ambers and reds.
export const LEVEL_COLOUR = {
  apprentice: '#c8ccd3',
  junior: '#a0cfff',
  intermediate: '#409eff',
  senior: '#95d475',
  technician: '#529b2e',
  senior_technician: '#e6a23c',
  special_technician: '#f56c6c',
  chief_technician: '#a8261f'
}

/** Does a level row say anything: workers there now, a year ago, or in the city (withheld counts as some)? */
export function levelHasWorkers(cell) {
  return cell.count > 0 || cell.year_ago > 0 || cell.city_count !== 0
}

/**
 * The rows of the table of 技能结构: per work type (most workers first) the levels that say anything, each
 * `{ w, cell, first, span }` (`first` and `span`: the work type's cell spans its levels).
 */
export function levelRows(data) {
  const out = []
  for (const w of data.work_types) {
    const cells = w.levels.filter(levelHasWorkers)
    cells.forEach((cell, i) => out.push({ w, cell, first: i === 0, span: cells.length }))
  }
  return out
}

/** The city's share of a level in a work type; null (withheld) when either city figure is. */
export function cityShare(w, cell) {
  if (cell.city_count === null || w.city_total === null) return null
  return shareOf(cell.city_count, w.city_total) ?? 0
}
