// Turns a sheet of the 题库导入模板 (array of rows, the first being the header) into the `rows` of
// POST /questions/import (docs/api/exams.md): { type, stem, options: [...], answer, marks, difficulty,
// dimension, skill_level, partial_credit, category, explanation }. Every cell is sent as text (trimmed);
// the server interprets 单选, ABD, 正确, 较难, 按比例 …. Rows are numbered by the server from 1 in the
// order sent (empty rows are left out here).

const HEADER_MAP = {
  题型: 'type',
  type: 'type',
  题干: 'stem',
  stem: 'stem',
  答案: 'answer',
  answer: 'answer',
  分值: 'marks',
  marks: 'marks',
  难度: 'difficulty',
  difficulty: 'difficulty',
  能力维度: 'dimension',
  dimension: 'dimension',
  技能等级: 'skill_level',
  skill_level: 'skill_level',
  评分方式: 'partial_credit',
  partial_credit: 'partial_credit',
  分类: 'category',
  category: 'category',
  '解析/评分要点': 'explanation',
  解析: 'explanation',
  评分要点: 'explanation',
  explanation: 'explanation'
}
const OPTION_LETTERS = 'ABCDEFGH'
export const REQUIRED_COLUMNS = ['type', 'stem', 'answer']

function normaliseHeader(h) {
  return String(h ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/[\s*＊]/g, '')
    .replace(/（.*?）|\(.*?\)/g, '')
    .toLowerCase()
}

/** Column → field, or { option: index } for 选项A … 选项H (also "option a", "A"). */
function columnOf(header) {
  const h = normaliseHeader(header)
  if (HEADER_MAP[h]) return HEADER_MAP[h]
  const m = /^(?:选项|option)?([a-h])$/i.exec(h)
  if (m) return { option: OPTION_LETTERS.indexOf(m[1].toUpperCase()) }
  return null
}

function cell(v) {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return String(v).trim()
}

/** Returns { rows, missing } (missing: required fields without a column); empty rows are skipped. */
export function sheetToQuestionRows(sheet) {
  if (!sheet || !sheet.length) return { rows: [], missing: REQUIRED_COLUMNS }
  const columns = sheet[0].map(columnOf)
  const found = new Set(columns.filter((c) => typeof c === 'string'))
  const missing = REQUIRED_COLUMNS.filter((f) => !found.has(f))
  const rows = []
  for (const raw of sheet.slice(1)) {
    if (!raw || raw.every((v) => cell(v) === '')) continue
    const row = { type: '', stem: '', options: [], answer: '', marks: '', difficulty: '', dimension: '', skill_level: '', partial_credit: '', category: '', explanation: '' }
    const options = []
    columns.forEach((c, i) => {
      if (!c) return
      if (typeof c === 'string') row[c] = cell(raw[i])
      else options[c.option] = cell(raw[i])
    })
    const list = Array.from({ length: options.length }, (_, i) => options[i] ?? '')
    while (list.length && list[list.length - 1] === '') list.pop()
    row.options = list
    rows.push(row)
  }
  return { rows, missing }
}

/** The import format of a file by its name: rows (.xlsx), moodle (.xml) or gift (.gift, .txt). */
export function importFormatOf(name) {
  const n = String(name || '').toLowerCase()
  if (n.endsWith('.xlsx')) return 'rows'
  if (n.endsWith('.xml')) return 'moodle'
  if (n.endsWith('.gift') || n.endsWith('.txt')) return 'gift'
  return null
}
