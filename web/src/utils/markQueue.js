// The judge's outbox of marks. Every mark gets a client_id (the server's idempotency key) and goes
// into a queue persisted in localStorage before anything is sent, so a dropped connection, a reload
// or a closed tab loses nothing. flush() sends the queue as one batch to POST /marks (all or
// nothing on the server); an answer with replayed:true means the server already had that mark and
// counts as sent. A mark the server refuses for its own sake (a bad value, not assigned, an aspect the
// chief judge locked: 409 aspect_locked) leaves the queue into `rejected` so that it cannot block the
// others and is never retried.
import { reactive } from 'vue'
import { judgingApi } from '../api/client.js'

const PREFIX = 'skb.judging.queue.'
const MAX_BATCH = 200

function newClientId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  // Older browsers (and non-secure origins): 122 random bits in the UUID layout.
  const b = new Uint8Array(16)
  crypto.getRandomValues(b)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function readStored(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || 'null')
    return v && Array.isArray(v.pending) ? v : null
  } catch {
    return null
  }
}

/** Index of the mark a batch error names ("marks[3].value" → 3), or -1. */
function batchIndex(field) {
  const m = /^marks\[(\d+)\]/.exec(field || '')
  return m ? Number(m[1]) : -1
}

// Errors that say "try again later" rather than "this mark is wrong".
const RETRY_CODES = new Set(['network_error', 'not_running', 'rate_limited', 'csrf_failed'])
function retryable(err) {
  return !err.status || err.status === 401 || err.status >= 500 || err.status === 429 || RETRY_CODES.has(err.code)
}

/**
 * The queue of one user. State (reactive): pending [{client_id, entry_id, aspect_id, value, at}],
 * rejected [{...mark, message}], sending, lastError (ApiError of the last failed send, or null),
 * lastSentAt (ISO time), sent {`${entry}:${aspect}`: value} (marks the server confirmed this session).
 */
export function createMarkQueue(userId) {
  const key = PREFIX + (userId || 'anonymous')
  const stored = readStored(key)
  const state = reactive({
    pending: stored ? stored.pending : [],
    rejected: stored && Array.isArray(stored.rejected) ? stored.rejected : [],
    sending: false,
    lastError: null,
    lastSentAt: stored ? stored.lastSentAt || null : null,
    sent: {}
  })
  const listeners = new Set()

  function persist() {
    try {
      localStorage.setItem(
        key,
        JSON.stringify({ pending: state.pending, rejected: state.rejected, lastSentAt: state.lastSentAt })
      )
    } catch {
      /* storage full or unavailable: the queue still lives in memory */
    }
  }

  let inFlight = new Set() // client_ids of the batch being sent

  /** Adds (or, while unsent, replaces) the mark for one aspect of one entry. */
  function add({ entry_id, aspect_id, value }) {
    // An unsent older mark for the same aspect is superseded: the server never saw it.
    state.pending = state.pending.filter(
      (m) => inFlight.has(m.client_id) || !(m.entry_id === entry_id && m.aspect_id === aspect_id)
    )
    state.rejected = state.rejected.filter((m) => !(m.entry_id === entry_id && m.aspect_id === aspect_id))
    const mark = { client_id: newClientId(), entry_id, aspect_id, value, at: new Date().toISOString() }
    state.pending.push(mark)
    persist()
    return mark
  }

  function confirm(marks) {
    const ids = new Set(marks.map((m) => m.client_id))
    state.pending = state.pending.filter((m) => !ids.has(m.client_id))
    for (const m of marks) state.sent[`${m.entry_id}:${m.aspect_id}`] = m.value
    state.lastSentAt = new Date().toISOString()
  }

  function reject(mark, err) {
    state.pending = state.pending.filter((m) => m.client_id !== mark.client_id)
    state.rejected.push({ ...mark, message: err.message, code: err.code })
  }

  /** Sends what is queued. Resolves to true when the queue was emptied, false otherwise. Never throws. */
  async function flush() {
    if (state.sending) return false
    if (!state.pending.length) return true
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      state.lastError = { code: 'network_error', status: 0 }
      return false
    }
    state.sending = true
    try {
      while (state.pending.length) {
        const batch = state.pending.slice(0, MAX_BATCH)
        inFlight = new Set(batch.map((m) => m.client_id))
        try {
          await judgingApi.submit(batch.map(({ client_id, entry_id, aspect_id, value }) => ({ client_id, entry_id, aspect_id, value })))
          // 201 (all new) or 200 (some or all replayed): either way the server has every mark.
          confirm(batch)
          state.lastError = null
          persist()
          continue
        } catch (err) {
          if (retryable(err)) {
            state.lastError = err
            return false
          }
          const i = batchIndex(err.field)
          if (i >= 0 && i < batch.length) {
            reject(batch[i], err)
          } else if (batch.length === 1) {
            reject(batch[0], err)
          } else {
            // The server did not say which mark it refused: find it by sending them one at a time.
            for (const m of batch) {
              try {
                inFlight = new Set([m.client_id])
                await judgingApi.submit([{ client_id: m.client_id, entry_id: m.entry_id, aspect_id: m.aspect_id, value: m.value }])
                confirm([m])
              } catch (one) {
                if (retryable(one)) {
                  state.lastError = one
                  persist()
                  return false
                }
                reject(m, one)
              }
            }
          }
          state.lastError = err
          persist()
        }
      }
      return true
    } finally {
      inFlight = new Set()
      state.sending = false
      listeners.forEach((fn) => fn())
    }
  }

  function dismissRejected(clientId) {
    state.rejected = state.rejected.filter((m) => m.client_id !== clientId)
    persist()
  }

  /** The value this device last gave the aspect (queued, else confirmed this session), or undefined. */
  function localValue(entryId, aspectId) {
    for (let i = state.pending.length - 1; i >= 0; i--) {
      const m = state.pending[i]
      if (m.entry_id === entryId && m.aspect_id === aspectId) return m.value
    }
    return state.sent[`${entryId}:${aspectId}`]
  }

  return {
    state,
    add,
    flush,
    dismissRejected,
    localValue,
    onFlushed: (fn) => {
      listeners.add(fn)
      return () => listeners.delete(fn)
    }
  }
}
