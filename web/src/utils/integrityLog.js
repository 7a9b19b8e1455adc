// Integrity events of an exam sitting (leaving the page, copy and paste attempts …), batched to
// POST /exam-sessions/{id}/events. Kept in localStorage until the server recorded them, so that
// events while offline (or just before a refresh) still arrive.
const PREFIX = 'skb.exam.events.'
const FLUSH_MS = 5000
const MAX_BATCH = 100

export const EVENT_KINDS = ['blur', 'focus', 'hidden', 'visible', 'copy', 'paste', 'fullscreen_exit']

/** createIntegrityLog({ sessionId, send, now }): send(events) POSTs them; now() is the server's clock. */
export function createIntegrityLog({ sessionId, send, now = () => new Date() }) {
  const key = PREFIX + sessionId
  let queue = []
  try {
    queue = JSON.parse(localStorage.getItem(key) || '[]')
    if (!Array.isArray(queue)) queue = []
  } catch {
    queue = []
  }
  let sending = false
  let timer = null
  let stopped = false

  function persist() {
    try {
      localStorage.setItem(key, JSON.stringify(queue))
    } catch {
      /* ignore */
    }
  }

  function add(kind) {
    if (stopped || !EVENT_KINDS.includes(kind)) return
    queue.push({ kind, at: now().toISOString() })
    persist()
    clearTimeout(timer)
    timer = setTimeout(flush, kind === 'visible' || kind === 'focus' ? 200 : FLUSH_MS)
  }

  async function flush() {
    clearTimeout(timer)
    if (sending || !queue.length) return
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      timer = setTimeout(flush, FLUSH_MS)
      return
    }
    sending = true
    const batch = queue.slice(0, MAX_BATCH)
    try {
      await send(batch)
      queue = queue.slice(batch.length)
      persist()
    } catch (err) {
      // A refusal for the sitting's sake (submitted, moved) will never succeed: drop the batch.
      if (err && err.status && err.status < 500 && err.status !== 429 && err.status !== 401) {
        queue = queue.slice(batch.length)
        persist()
      }
    } finally {
      sending = false
    }
    if (queue.length && !stopped) timer = setTimeout(flush, FLUSH_MS)
  }

  function stop() {
    stopped = true
    clearTimeout(timer)
  }

  return { add, flush, stop, size: () => queue.length }
}
