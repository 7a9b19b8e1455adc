// Turns a 评分标准 sheet (array of rows, read by read-excel-file) into the `rows` of
// POST /events/{id}/scheme/import. The server does every check; this only finds the columns.

// The import's cell names, in the order of the exported sheet, with the export's header.
export const SCHEME_COLUMNS = [
  ['component', '模块/任务'],
  ['kind', '类型'],
  ['component_max', '模块配分'],
  ['weight', '权重'],
  ['time_limit_minutes', '时限(分钟)'],
  ['criterion', '评分项目'],
  ['aspect', '评分细项'],
  ['aspect_kind', '评分方式'],
  ['aspect_max', '配分'],
  ['step', '步长'],
  ['bands', '测量区间'],
  ['dimension', '能力维度'],
  ['disqualifies', '否决']
]
export const SCHEME_FIELDS = SCHEME_COLUMNS.map(([f]) => f)
const REQUIRED = ['component', 'kind', 'component_max', 'aspect', 'aspect_kind', 'aspect_max']

// Header text (spaces, '*' and the kind of brackets ignored; English cell names accepted) → cell name.
const HEADER_MAP = {
  '模块/任务': 'component',
  模块: 'component',
  任务: 'component',
  考核模块: 'component',
  考核项目: 'component',
  模块名称: 'component',
  类型: 'kind',
  模块类型: 'kind',
  模块配分: 'component_max',
  模块分值: 'component_max',
  模块满分: 'component_max',
  权重: 'weight',
  '时限(分钟)': 'time_limit_minutes',
  时限: 'time_limit_minutes',
  '时长(分钟)': 'time_limit_minutes',
  评分项目: 'criterion',
  评分要素: 'criterion',
  评分细项: 'aspect',
  评分要点: 'aspect',
  评分方式: 'aspect_kind',
  评分类型: 'aspect_kind',
  配分: 'aspect_max',
  细项配分: 'aspect_max',
  分值: 'aspect_max',
  步长: 'step',
  测量区间: 'bands',
  能力维度: 'dimension',
  否决: 'disqualifies',
  否决项: 'disqualifies'
}
for (const f of SCHEME_FIELDS) HEADER_MAP[f] = f

function normaliseHeader(h) {
  return String(h ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase()
}

function cellValue(v) {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'number' || typeof v === 'boolean') return v
  return String(v).trim()
}

// The columns of one header row; two "配分" columns are the component's and the aspect's.
function columnsOf(row) {
  const headers = row.map(normaliseHeader)
  const columns = headers.map((h) => HEADER_MAP[h] || null)
  const plain = headers.flatMap((h, i) => (h === '配分' ? [i] : []))
  if (plain.length === 2 && !columns.includes('component_max')) columns[plain[0]] = 'component_max'
  return columns
}

/**
 * sheet: array of arrays. The header is the first of the first ten rows that names at least three
 * known columns (a title row above it is skipped). Returns {rows, sheetRows, missing, unknownHeader}:
 * rows are objects with every cell name (numbers stay numbers); sheetRows[i] is the spreadsheet's
 * row number of rows[i]; blank rows are left out.
 */
export function sheetToSchemeRows(sheet) {
  const none = { rows: [], sheetRows: [], missing: REQUIRED, unknownHeader: true }
  if (!sheet || !sheet.length) return none
  let at = -1
  let columns = []
  for (let i = 0; i < Math.min(sheet.length, 10) && at < 0; i++) {
    const c = columnsOf(sheet[i] || [])
    if (new Set(c.filter(Boolean)).size >= 3) {
      at = i
      columns = c
    }
  }
  if (at < 0) return none
  const found = new Set(columns.filter(Boolean))
  const rows = []
  const sheetRows = []
  sheet.slice(at + 1).forEach((raw, i) => {
    if (!raw || raw.every((v) => cellValue(v) === '')) return
    const row = {}
    for (const f of SCHEME_FIELDS) row[f] = ''
    columns.forEach((field, c) => {
      if (field && row[field] === '') row[field] = cellValue(raw[c])
    })
    rows.push(row)
    sheetRows.push(at + i + 2)
  })
  return { rows, sheetRows, missing: REQUIRED.filter((f) => !found.has(f)), unknownHeader: false }
}

