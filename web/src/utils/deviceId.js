// The random id this browser sends with every exam call (docs/api/exams.md: the server ties a running
// exam session to one device at a time). Kept in localStorage so that a refresh is the same device.
const KEY = 'skb.exam.device'

/** A random id (a UUID where the browser offers one, else 32 hex digits). */
export function randomId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = new Uint8Array(16)
  crypto.getRandomValues(b)
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
}

export function deviceId() {
  try {
    let id = localStorage.getItem(KEY)
    if (!id) {
      id = randomId()
      localStorage.setItem(KEY, id)
    }
    return id
  } catch {
    // Storage unavailable (private mode): one id for the life of the page.
    if (!deviceId.memo) deviceId.memo = randomId()
    return deviceId.memo
  }
}
