// A post's targets from a sheet (.xlsx or .csv: an array of rows, the first the header) with the columns
// 能力维度 and 目标分, as an organisation keeps them: `{ rows: [{ dimension_name, target }], problems }`.
// The server matches the names to the work type's dimensions; here only the cells are checked.
import { cellText, normaliseHeader } from './importRows.js'

const HEADER_MAP = {
  能力维度: 'dimension_name',
  维度: 'dimension_name',
  dimension: 'dimension_name',
  dimension_name: 'dimension_name',
  目标分: 'target',
  目标: 'target',
  目标分数: 'target',
  target: 'target'
}

/** The header of the template offered for download (and of the sheets the e2e tests write). */
export const TARGET_HEADER = ['能力维度', '目标分']

const fieldOf = (header) => HEADER_MAP[normaliseHeader(header).replace(/（.*?）|\(.*?\)/g, '')] || null

/**
 * sheet: array of arrays. Returns `{ rows, missing, problems }`: rows `{ row (1-based data row), dimension_name,
 * target (number | null) }` (empty rows skipped), missing the columns not found, problems
 * `[{ row, kind: 'target' | 'name' | 'duplicate' }]`.
 */
export function sheetToTargets(sheet) {
  const header = (sheet && sheet[0]) || []
  const columns = header.map(fieldOf)
  const missing = ['dimension_name', 'target'].filter((f) => !columns.includes(f))
  if (missing.length) return { rows: [], missing, problems: [] }
  const rows = []
  const problems = []
  const seen = new Set()
  sheet.slice(1).forEach((raw, i) => {
    if (!raw || raw.every((v) => cellText(v) === '')) return
    const row = { row: i + 1, dimension_name: '', target: null }
    columns.forEach((field, c) => {
      if (field === 'dimension_name' && !row.dimension_name) row.dimension_name = cellText(raw[c])
      if (field === 'target' && row.target === null) {
        const text = cellText(raw[c])
        const n = text === '' ? NaN : Number(text)
        row.target = Number.isFinite(n) ? n : null
      }
    })
    if (!row.dimension_name) problems.push({ row: row.row, kind: 'name' })
    else if (seen.has(row.dimension_name)) problems.push({ row: row.row, kind: 'duplicate' })
    if (row.target === null || row.target < 0 || row.target > 100) problems.push({ row: row.row, kind: 'target' })
    seen.add(row.dimension_name)
    rows.push(row)
  })
  return { rows, missing, problems }
}
