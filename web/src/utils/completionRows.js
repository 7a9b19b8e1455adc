// Turns a provider's completion list (结业名单: array of rows, the first being the header) into the `rows`
// of POST /courses/{id}/records/import: { name, id_number, status, completed_on, hours, score }, every cell
// as text. The server reads 合格/结业/不合格/未通过 (empty: completed), 2026/11/5 or an Excel day number.
import { cellText, normaliseHeader } from './importRows.js'

// Header text (Chinese or English; case, spaces, asterisks and a bracketed note such as 学时（小时）
// ignored) → field.
const HEADER_MAP = {
  姓名: 'name',
  学员姓名: 'name',
  name: 'name',
  身份证号: 'id_number',
  身份证号码: 'id_number',
  身份证: 'id_number',
  id_number: 'id_number',
  结果: 'status',
  状态: 'status',
  结业结果: 'status',
  考核结果: 'status',
  status: 'status',
  结业日期: 'completed_on',
  完成日期: 'completed_on',
  日期: 'completed_on',
  completed_on: 'completed_on',
  学时: 'hours',
  培训学时: 'hours',
  hours: 'hours',
  成绩: 'score',
  结业成绩: 'score',
  考核成绩: 'score',
  score: 'score'
}

export const COMPLETION_FIELDS = ['name', 'id_number', 'status', 'completed_on', 'hours', 'score']
export const REQUIRED_FIELDS = ['name', 'id_number']
/** The header of the template offered for download (and of the lists the e2e test writes). */
export const TEMPLATE_HEADER = ['姓名', '身份证号', '结果', '结业日期', '学时', '成绩']

const fieldOf = (header) => HEADER_MAP[normaliseHeader(header).replace(/（.*?）|\(.*?\)/g, '')] || null

/**
 * sheet: array of arrays. Returns { rows, missing, unknownHeader }: rows with the six fields as strings
 * (empty rows skipped), missing the required fields without a column, unknownHeader when no column is known.
 */
export function sheetToCompletionRows(sheet) {
  if (!sheet || !sheet.length) return { rows: [], missing: REQUIRED_FIELDS, unknownHeader: true }
  const columns = sheet[0].map(fieldOf)
  const found = new Set(columns.filter(Boolean))
  const rows = []
  for (const raw of sheet.slice(1)) {
    if (!raw || raw.every((v) => cellText(v) === '')) continue
    const row = Object.fromEntries(COMPLETION_FIELDS.map((f) => [f, '']))
    columns.forEach((field, i) => {
      if (field && !row[field]) row[field] = cellText(raw[i])
    })
    row.id_number = row.id_number.toUpperCase()
    rows.push(row)
  }
  return { rows, missing: REQUIRED_FIELDS.filter((f) => !found.has(f)), unknownHeader: found.size === 0 }
}
