// The exam's countdown, driven by the server: each answer of the server (start, save, session) gives
// `remaining_seconds`; between them the page counts down with the monotonic clock (performance.now),
// so changing the phone's clock moves nothing. `server_time` gives the offset used to time-stamp
// integrity events on the server's clock. `onExpire` runs once when the count reaches zero.
import { onBeforeUnmount, ref } from 'vue'

export function useExamClock(onExpire) {
  const remaining = ref(null) // whole seconds left, null before the first sync
  let anchor = null // { seconds, at } with `at` from performance.now()
  let offsetMs = 0
  let expired = false

  function tick() {
    if (!anchor) return
    const left = anchor.seconds - (performance.now() - anchor.at) / 1000
    remaining.value = Math.max(0, Math.ceil(left))
    if (left <= 0 && !expired) {
      expired = true
      onExpire && onExpire()
    }
  }

  /** Takes `remaining_seconds` and `server_time` of any answer of the server that carries them. */
  function sync(answer) {
    if (!answer) return
    if (answer.server_time) {
      const t = Date.parse(answer.server_time)
      if (!Number.isNaN(t)) offsetMs = t - Date.now()
    }
    if (answer.remaining_seconds !== undefined && answer.remaining_seconds !== null) {
      anchor = { seconds: Number(answer.remaining_seconds), at: performance.now() }
      if (anchor.seconds > 0) expired = false
      tick()
    }
  }

  const timer = setInterval(tick, 250)
  function stop() {
    clearInterval(timer)
    anchor = null
  }
  onBeforeUnmount(stop)

  /** The server's current time, as far as this page knows. */
  const serverNow = () => new Date(Date.now() + offsetMs)

  return { remaining, sync, serverNow, stop }
}

/** 3725 → "1:02:05", 125 → "02:05". */
export function formatCountdown(seconds) {
  if (seconds === null || seconds === undefined) return '--:--'
  const s = Math.max(0, Math.floor(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const p = (n) => String(n).padStart(2, '0')
  return h ? `${h}:${p(m)}:${p(s % 60)}` : `${p(m)}:${p(s % 60)}`
}
