// Completion times of timed tasks (计时项目): typed as "mm:ss", "mm:ss.s", "h:mm:ss" or plain seconds,
// sent to the server as seconds (0–86400, decimals allowed) and shown back as mm:ss(.s).

export const MAX_SECONDS = 86400

/**
 * Reads a typed time. Returns {seconds} or {error: 'empty' | 'format' | 'range'}.
 * "5:00" and "05:00" are 300 s, "5:00.5" 300.5 s, "1:02:03" 3723 s, "300" and "300.5" seconds.
 * Minutes may pass 59 ("90:00"); the seconds after a colon may not. A full-width colon (：) and a
 * Chinese full stop (。) are accepted as typed on a Chinese keyboard.
 */
export function parseDuration(text) {
  const s = String(text ?? '')
    .trim()
    .replace(/[：]/g, ':')
    .replace(/[。]/g, '.')
    .replace(/\s+/g, '')
  if (s === '') return { error: 'empty' }
  let seconds
  if (/^\d+(\.\d+)?$/.test(s)) {
    seconds = Number(s)
  } else {
    const m = /^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)$/.exec(s)
    if (!m) return { error: 'format' }
    const [, h, min, sec] = m
    if (Number(sec) >= 60) return { error: 'format' }
    if (h !== undefined && Number(min) >= 60) return { error: 'format' }
    seconds = Number(h || 0) * 3600 + Number(min) * 60 + Number(sec)
  }
  if (!Number.isFinite(seconds)) return { error: 'format' }
  // Tenths of a second at most are kept (what a stopwatch shows); the server takes any decimals.
  seconds = Math.round(seconds * 1000) / 1000
  if (seconds < 0 || seconds > MAX_SECONDS) return { error: 'range' }
  return { seconds }
}

const pad = (n) => String(n).padStart(2, '0')

/**
 * A time in seconds as "mm:ss" ("h:mm:ss" from an hour on). tenths: 'always' adds ".s" every time
 * (the judge's phone), 'auto' only when the time has a fraction (tables), 'never' rounds to the second.
 * '' for a missing time.
 */
export function formatDuration(seconds, { tenths = 'auto' } = {}) {
  if (seconds === null || seconds === undefined || seconds === '' || !Number.isFinite(Number(seconds))) return ''
  const tenthsTotal = Math.round(Number(seconds) * 10)
  const showTenths = tenths === 'always' || (tenths === 'auto' && tenthsTotal % 10 !== 0)
  const whole = showTenths ? Math.floor(tenthsTotal / 10) : Math.round(Number(seconds))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const sec = whole % 60
  const frac = showTenths ? '.' + (tenthsTotal % 10) : ''
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}${frac}` : `${pad(m)}:${pad(sec)}${frac}`
}

/** Whether a component (of an event's scheme) has a time aspect. */
export function isTimed(component) {
  return !!(component && (component.aspects || []).some((a) => a.kind === 'time'))
}

/** The time aspect of a component, or null. */
export function timeAspectOf(component) {
  return (component && (component.aspects || []).find((a) => a.kind === 'time')) || null
}
