// Turns a sheet (array of rows, the first being the header) into the `rows` of POST /workers/import.

// Header text (Chinese or English, case and spaces ignored) → import field.
const HEADER_MAP = {
  姓名: 'name',
  name: 'name',
  性别: 'gender',
  gender: 'gender',
  工号: 'employee_no',
  employee_no: 'employee_no',
  单位: 'org',
  所在单位: 'org',
  org: 'org',
  工种: 'work_types',
  work_types: 'work_types',
  技能等级: 'skill_level',
  skill_level: 'skill_level',
  手机号: 'phone',
  手机号码: 'phone',
  phone: 'phone',
  身份证号: 'id_number',
  身份证号码: 'id_number',
  id_number: 'id_number'
}

export const IMPORT_FIELDS = [
  'name',
  'gender',
  'employee_no',
  'org',
  'work_types',
  'skill_level',
  'phone',
  'id_number'
]
export const TEMPLATE_HEADER = ['姓名', '性别', '工号', '单位', '工种', '技能等级', '手机号', '身份证号']
export const TEMPLATE_EXAMPLE = [
  '张三',
  '男',
  'E0001',
  '（填写单位名称或编码）',
  '电工、焊工',
  '高级工',
  '13800138000',
  '11010519491231002X'
]

export function normaliseHeader(h) {
  return String(h ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase()
}

export function cellText(v) {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v)
  return String(v).trim()
}

/**
 * sheet: array of arrays. Returns {rows, missing, unknownHeader}:
 * rows are objects with the 8 import fields as strings; empty data rows are skipped.
 */
export function sheetToImportRows(sheet) {
  if (!sheet || !sheet.length) return { rows: [], missing: IMPORT_FIELDS, unknownHeader: true }
  const header = sheet[0].map(normaliseHeader)
  const columns = header.map((h) => HEADER_MAP[h] || null)
  const found = new Set(columns.filter(Boolean))
  const missing = IMPORT_FIELDS.filter((f) => !found.has(f))
  const rows = []
  for (const raw of sheet.slice(1)) {
    if (!raw || raw.every((v) => cellText(v) === '')) continue
    const row = {}
    for (const f of IMPORT_FIELDS) row[f] = ''
    columns.forEach((field, i) => {
      if (field) row[field] = cellText(raw[i])
    })
    row.id_number = row.id_number.toUpperCase()
    rows.push(row)
  }
  return { rows, missing, unknownHeader: found.size === 0 }
}
