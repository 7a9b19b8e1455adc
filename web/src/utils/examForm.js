// The exam dialog's form and the exam JSON of docs/api/exams.md, both ways.
let key = 0

export function newBlueprintRow(type = 'single_choice') {
  return { key: ++key, type, count: 10, dimension_id: null, min_difficulty: 1, max_difficulty: 5, marks_each: 2 }
}

function defaultWindow() {
  const start = new Date()
  start.setMinutes(0, 0, 0)
  const end = new Date(start.getTime() + 7 * 24 * 3600 * 1000)
  return [start, end]
}

export function emptyExamForm() {
  return {
    title: '',
    work_type_id: '',
    window: defaultWindow(),
    duration_minutes: 60,
    pass_percent: 60,
    mode: 'blueprint',
    rows: [newBlueprintRow()],
    question_ids: []
  }
}

export function examFormFrom(exam) {
  const paper = exam.paper || {}
  return {
    title: exam.title || '',
    work_type_id: exam.work_type_id || '',
    window: [new Date(exam.opens_at), new Date(exam.closes_at)],
    duration_minutes: exam.duration_minutes ?? 60,
    pass_percent: exam.pass_percent ?? 60,
    mode: paper.mode || 'blueprint',
    rows: (paper.rows || []).map((r) => ({ ...newBlueprintRow(), ...r, key: ++key })),
    question_ids: [...(paper.question_ids || [])].map(String)
  }
}

export function examBody(f) {
  const paper =
    f.mode === 'fixed'
      ? { mode: 'fixed', question_ids: f.question_ids }
      : {
          mode: 'blueprint',
          rows: f.rows.map((r) => ({
            type: r.type,
            count: Number(r.count),
            dimension_id: r.dimension_id || null,
            min_difficulty: Number(r.min_difficulty),
            max_difficulty: Number(r.max_difficulty),
            marks_each: Number(r.marks_each)
          }))
        }
  return {
    title: f.title.trim(),
    work_type_id: f.work_type_id,
    paper,
    opens_at: new Date(f.window[0]).toISOString(),
    closes_at: new Date(f.window[1]).toISOString(),
    duration_minutes: Number(f.duration_minutes),
    pass_percent: Number(f.pass_percent)
  }
}

/** The message key of what the form still lacks before it can be sent ('' when nothing). */
export function missingExamField(f) {
  if (!f.title.trim() || !f.work_type_id || !f.window || !f.window[0] || !f.window[1]) return 'exams.fillRequired'
  if (f.mode === 'fixed' && !f.question_ids.length) return 'exams.pickQuestions'
  return ''
}
