// The question dialog's form and the question JSON of docs/api/exams.md, both ways.

export const QUESTION_TYPES = ['single_choice', 'multiple_choice', 'true_false', 'fill_blank', 'short_answer']
export const DIFFICULTIES = [1, 2, 3, 4, 5]
// The server answers a question's skill_level as the national grade number (五级 初级工 … 一级 高级技师:
// 5 = junior … 1 = senior_technician) and accepts the level's code; the form keeps the code.
const LEVEL_BY_NUMBER = {
  6: 'apprentice', 5: 'junior', 4: 'intermediate', 3: 'senior', 2: 'technician', 1: 'senior_technician', 0: 'special_technician', '-1': 'chief_technician'
}
export function levelCode(value) {
  if (value === null || value === undefined || value === '') return null
  return LEVEL_BY_NUMBER[value] || String(value)
}

let key = 0
const optionRow = (o = {}) => ({ key: ++key, text: o.text || '', image: o.image || '', correct: !!o.correct })
const blankRow = (b = {}) => ({ key: ++key, accepted: [...(b.accepted || [])] })

export function emptyForm(workTypeId = '') {
  return {
    work_type_id: workTypeId || '',
    dimension_id: '',
    type: 'single_choice',
    stem: '',
    images: [], // asset keys of the stem's pictures
    options: [optionRow(), optionRow(), optionRow(), optionRow()],
    fixed_option_order: false,
    blanks: [blankRow()],
    rubric: '',
    marks: 1,
    partial_credit: 'all_or_nothing',
    difficulty: 3,
    skill_level: null,
    category: '',
    explanation: '',
    tfAnswer: 'true' // true/false questions: which statement is right
  }
}

export function formFromQuestion(q) {
  const f = emptyForm(q.work_type_id)
  Object.assign(f, {
    dimension_id: q.dimension_id || '',
    type: q.type,
    stem: q.stem || '',
    images: (q.images || []).filter((k) => typeof k === 'string' && k),
    fixed_option_order: !!q.fixed_option_order,
    rubric: q.rubric || '',
    marks: q.marks ?? 1,
    partial_credit: q.partial_credit || 'all_or_nothing',
    difficulty: q.difficulty ?? 3,
    skill_level: levelCode(q.skill_level),
    category: q.category || '',
    explanation: q.explanation || ''
  })
  if (q.type === 'true_false') {
    const first = (q.options || [])[0]
    f.tfAnswer = first && first.correct ? 'true' : 'false'
  } else if (q.options && q.options.length) f.options = q.options.map(optionRow)
  if (q.blanks && q.blanks.length) f.blanks = q.blanks.map(blankRow)
  return f
}

export const addOption = (f) => f.options.push(optionRow())
export const addBlank = (f) => f.blanks.push(blankRow())

/** The body of POST / PUT /questions. `tfLabels` are the texts of the two true/false options. */
export function questionBody(f, tfLabels = ['正确', '错误']) {
  const body = {
    work_type_id: f.work_type_id,
    dimension_id: f.dimension_id || null,
    type: f.type,
    stem: f.stem.trim(),
    images: [...(f.images || [])],
    options: [],
    fixed_option_order: false,
    blanks: [],
    rubric: '',
    marks: Number(f.marks),
    partial_credit: ['multiple_choice', 'fill_blank'].includes(f.type) ? f.partial_credit : 'all_or_nothing',
    difficulty: Number(f.difficulty),
    skill_level: f.skill_level || null,
    category: f.category.trim(),
    explanation: f.explanation.trim()
  }
  if (f.type === 'true_false') {
    body.options = [
      { text: tfLabels[0], image: '', correct: f.tfAnswer === 'true' },
      { text: tfLabels[1], image: '', correct: f.tfAnswer === 'false' }
    ]
    body.fixed_option_order = true
  } else if (f.type === 'single_choice' || f.type === 'multiple_choice') {
    body.options = f.options.map((o) => ({ text: o.text.trim(), image: o.image || '', correct: !!o.correct }))
    body.fixed_option_order = !!f.fixed_option_order
  } else if (f.type === 'fill_blank') {
    body.blanks = f.blanks.map((b) => ({ accepted: b.accepted.map((a) => String(a).trim()).filter(Boolean) }))
  } else if (f.type === 'short_answer') {
    body.rubric = f.rubric.trim()
  }
  return body
}
