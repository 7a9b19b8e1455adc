// The candidate's answers during an exam, saved as they are given (PUT /exam-sessions/{id}/answers).
//
// Every change bumps that question's `seq` and is written to localStorage before anything is sent, so
// a refresh, a dropped connection or a closed tab loses nothing. The server keeps, per question, the
// answer with the highest seq: a retried or late older write never overwrites a newer one, so sending
// the same answer twice is harmless. A question is pending while its seq is above the seq the server
// confirmed. Choices are sent at once; typing waits for a pause (DEBOUNCE_MS). While offline the
// pending answers wait and go out on reconnect (the page calls flush() on `online`; a timer retries).
//
// The server's 409s that end the sitting here (time_up, session_moved, already_submitted) stop the
// outbox: `fatal` holds the error and nothing more is sent.
import { reactive } from 'vue'

const PREFIX = 'skb.exam.answers.'
const DEBOUNCE_MS = 1000
const RETRY_MS = 5000
export const FATAL_CODES = new Set(['time_up', 'session_moved', 'already_submitted', 'not_a_candidate'])

function retryable(err) {
  return !err.status || err.status >= 500 || err.status === 429 || err.status === 401 || err.code === 'csrf_failed'
}

function readStored(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || 'null')
    return v && typeof v === 'object' && v.answers ? v : null
  } catch {
    return null
  }
}

/**
 * createAnswerOutbox({ sessionId, send }): `send(items)` PUTs [{question, response, seq}] and resolves
 * to the server's answer. `onSaved(answer)` is called after each successful save.
 */
export function createAnswerOutbox({ sessionId, send, onSaved }) {
  const key = PREFIX + sessionId
  const state = reactive({
    answers: {}, // question id → response
    seq: {}, // question id → the latest seq given here
    saved: {}, // question id → the highest seq the server confirmed
    sending: false,
    offline: typeof navigator !== 'undefined' && navigator.onLine === false,
    lastError: null,
    fatal: null,
    savedAt: null
  })
  let debounce = null
  let retry = null

  function persist() {
    try {
      localStorage.setItem(key, JSON.stringify({ answers: state.answers, seq: state.seq, saved: state.saved }))
    } catch {
      /* storage full or unavailable: the answers still live in memory */
    }
  }

  /**
   * Merges the server's saved answers ({ qid: { option_ids, blanks, text, seq } }) with what this
   * device kept: the higher seq wins; a local answer the server has not seen stays pending.
   */
  function load(serverAnswers) {
    const stored = readStored(key) || { answers: {}, seq: {}, saved: {} }
    const ids = new Set([...Object.keys(serverAnswers || {}), ...Object.keys(stored.answers || {})])
    for (const id of ids) {
      const s = (serverAnswers || {})[id]
      const serverSeq = (s && Number(s.seq)) || 0
      const localSeq = Number((stored.seq || {})[id]) || 0
      if (localSeq > serverSeq && stored.answers[id]) {
        state.answers[id] = stored.answers[id]
        state.seq[id] = localSeq
        state.saved[id] = serverSeq
      } else if (s) {
        state.answers[id] = { option_ids: s.option_ids || [], blanks: s.blanks || [], text: s.text || '' }
        state.seq[id] = serverSeq
        state.saved[id] = serverSeq
      }
    }
    persist()
  }

  function pendingItems() {
    return Object.keys(state.seq)
      .filter((id) => (state.seq[id] || 0) > (state.saved[id] || 0))
      .map((id) => ({ question: id, response: state.answers[id], seq: state.seq[id] }))
  }

  /** Records a new response; `immediate` (choices) sends now, otherwise after a pause in typing. */
  function set(questionId, response, { immediate = false } = {}) {
    if (state.fatal) return
    state.answers[questionId] = response
    state.seq[questionId] = (state.seq[questionId] || 0) + 1
    persist()
    clearTimeout(debounce)
    if (immediate) flush()
    else debounce = setTimeout(flush, DEBOUNCE_MS)
  }

  function scheduleRetry() {
    clearTimeout(retry)
    retry = setTimeout(flush, RETRY_MS)
  }

  /** Sends what is pending. Resolves to true when nothing is left. Never throws. */
  async function flush() {
    clearTimeout(debounce)
    if (state.sending || state.fatal) return false
    let items = pendingItems()
    if (!items.length) {
      state.lastError = null
      return true
    }
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      state.offline = true
      scheduleRetry()
      return false
    }
    state.sending = true
    try {
      while (items.length) {
        const res = await send(items)
        for (const it of items) state.saved[it.question] = Math.max(state.saved[it.question] || 0, it.seq)
        state.offline = false
        state.lastError = null
        state.savedAt = (res && res.saved_at) || new Date().toISOString()
        persist()
        if (onSaved) onSaved(res)
        items = pendingItems() // answers given while this batch was on its way
      }
      return true
    } catch (err) {
      state.lastError = err
      if (FATAL_CODES.has(err.code)) state.fatal = err
      else {
        state.offline = err.code === 'network_error'
        scheduleRetry()
      }
      return false
    } finally {
      state.sending = false
    }
  }

  /** 'saved' | 'saving' | 'offline' | 'error' (a refusal that is retried) | 'fatal'. */
  function status() {
    if (state.fatal) return 'fatal'
    if (!pendingItems().length) return 'saved'
    if (state.offline) return 'offline'
    if (state.lastError) return 'error'
    return 'saving'
  }

  function stop() {
    clearTimeout(debounce)
    clearTimeout(retry)
  }

  /** Forgets the stored copy (after the exam was submitted). */
  function clear() {
    stop()
    try {
      localStorage.removeItem(key)
    } catch {
      /* ignore */
    }
  }

  return { state, load, set, flush, pendingItems, status, stop, clear }
}
