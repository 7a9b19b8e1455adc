// A candidate's response to one shown question (docs/api/exams.md): { option_ids, blanks, text }.

export const CHOICE_TYPES = new Set(['single_choice', 'multiple_choice', 'true_false'])

export function emptyResponse(question) {
  return {
    option_ids: [],
    blanks: Array.from({ length: Number(question && question.blanks) || 0 }, () => ''),
    text: ''
  }
}

/** The response as the server stores it, fitted to the question (blanks padded to the blank count). */
export function normaliseResponse(question, r) {
  const out = emptyResponse(question)
  if (!r) return out
  out.option_ids = Array.isArray(r.option_ids) ? r.option_ids.map(String) : []
  const blanks = Array.isArray(r.blanks) ? r.blanks : []
  out.blanks = out.blanks.map((_, i) => (blanks[i] == null ? '' : String(blanks[i])))
  out.text = r.text == null ? '' : String(r.text)
  return out
}

/** Whether the candidate has given any answer at all (a partly filled fill-in counts). */
export function isAnswered(question, r) {
  if (!question || !r) return false
  if (CHOICE_TYPES.has(question.type)) return (r.option_ids || []).length > 0
  if (question.type === 'fill_blank') return (r.blanks || []).some((b) => String(b || '').trim() !== '')
  return String(r.text || '').trim() !== ''
}

/** Option letters A, B, C … in the order the options are shown. */
export const letter = (i) => String.fromCharCode(65 + i)
