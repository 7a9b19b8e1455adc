// Idempotency-Key for a form's write: one key per request body. Sending the same body again (a retry
// after a dropped connection, a double click) reuses the key, so the server replays its first answer
// instead of writing twice; a changed form is another request and gets a new key.
import { randomId } from './deviceId.js'

export function idempotencyKeys() {
  let body = null
  let key = ''
  return {
    /** The key for this payload. */
    keyFor(payload) {
      const s = JSON.stringify(payload)
      if (s !== body) {
        body = s
        key = randomId()
      }
      return key
    },
    /** Forgets the last key (a new form). */
    reset() {
      body = null
      key = ''
    }
  }
}
