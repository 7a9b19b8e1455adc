// One live board (docs/api/boards.md): the state of GET /boards/{id} kept current by the server-sent
// events of /boards/{id}/stream. Used by the big screen and the phone page.
//
// - `snapshot` replaces the state; `changes` merges rows by row_id (each row is its whole state, so
//   applying an event twice is harmless), drops `removed`, replaces `venues`, prepends `ticker` items
//   and updates `frozen` / `seq`; `resync` ignores changes until the snapshot that follows it.
// - connection: 'connecting' (nothing received yet), 'connected', 'reconnecting' (the stream dropped,
//   or nothing, not even a heartbeat, for 30 s: the stream is closed and reopened) and 'failed' (the
//   server refused the board: 401, 403 or 404; `error` holds the ApiError).
import { computed, onBeforeUnmount, reactive, ref, shallowRef, toValue, watch } from 'vue'
import { boardsApi } from '../api/client.js'
import { applyChanges, stateFromSnapshot } from '../utils/boardState.js'

const SILENCE_MS = 30000
const WATCHDOG_MS = 5000
const FLASH_MS = 4000
const BACKOFF_MS = [1000, 2000, 5000, 10000, 20000, 30000]
const FATAL = new Set([401, 403, 404])

/**
 * useBoardStream(boardId, query): boardId and query ({ org, view }) may be refs or getters; the
 * stream reopens when they change. Returns reactive state, the connection status and the rows that
 * moved recently (`flashes[row_id] = { dir, scored }`, kept FLASH_MS).
 */
export function useBoardStream(boardId, query = () => ({})) {
  const board = shallowRef(null)
  const rows = shallowRef([])
  const venues = shallowRef([])
  const allTicker = shallowRef([])
  // Only items of entrants on this board (the server's ticker of a venue board names other venues' too).
  const ticker = computed(() => {
    const ids = new Set(rows.value.map((r) => String(r.row_id)))
    return allTicker.value.filter((item) => ids.has(String(item.row_id)))
  })
  const seq = ref(0)
  const live = ref(true)
  const frozen = shallowRef(null)
  const status = ref('connecting')
  const error = shallowRef(null)
  const updatedAt = ref(null)
  const flashes = reactive({})

  let es = null
  let awaitingSnapshot = false
  let lastEventAt = 0
  let retries = 0
  let retryTimer = null
  let watchdog = null
  let stopped = false
  const flashTimers = new Map()

  function current() {
    return { board: board.value, seq: seq.value, live: live.value, frozen: frozen.value, venues: venues.value, rows: rows.value, ticker: allTicker.value }
  }
  function publish(s) {
    board.value = s.board
    seq.value = s.seq
    live.value = s.live
    frozen.value = s.frozen
    venues.value = s.venues
    rows.value = s.rows
    allTicker.value = s.ticker
    updatedAt.value = new Date()
  }
  function flash(moves) {
    for (const m of moves) {
      const prev = flashes[m.row_id]
      flashes[m.row_id] = { dir: m.dir || (prev && prev.dir) || '', scored: m.scored || !!(prev && prev.scored) }
      clearTimeout(flashTimers.get(m.row_id))
      flashTimers.set(
        m.row_id,
        setTimeout(() => {
          delete flashes[m.row_id]
          flashTimers.delete(m.row_id)
        }, FLASH_MS)
      )
    }
  }
  function parse(e) {
    try {
      return JSON.parse(e.data)
    } catch {
      return null
    }
  }
  function heard() {
    lastEventAt = Date.now()
    if (status.value !== 'failed') status.value = 'connected'
  }

  function onSnapshot(e) {
    const snap = parse(e)
    if (!snap) return
    heard()
    awaitingSnapshot = false
    retries = 0
    error.value = null
    publish(stateFromSnapshot(snap))
  }
  function onChanges(e) {
    const msg = parse(e)
    heard()
    if (!msg || awaitingSnapshot || !board.value) return
    const s = current()
    const moves = applyChanges(s, msg)
    publish(s)
    flash(moves)
  }
  function onHeartbeat() {
    heard()
  }
  function onResync() {
    heard()
    awaitingSnapshot = true
  }

  function closeStream() {
    if (es) {
      es.onopen = null
      es.onerror = null
      es.close()
      es = null
    }
  }
  function scheduleReopen() {
    clearTimeout(retryTimer)
    const wait = BACKOFF_MS[Math.min(retries, BACKOFF_MS.length - 1)]
    retries++
    retryTimer = setTimeout(open, wait)
  }

  // The stream was refused (EventSource gives no status): ask the snapshot why. A board that answers
  // is shown from that answer while the stream is retried.
  async function probe() {
    const id = toValue(boardId)
    try {
      const snap = await boardsApi.get(id, toValue(query))
      if (stopped || id !== toValue(boardId)) return
      publish(stateFromSnapshot(snap))
      status.value = 'reconnecting'
      scheduleReopen()
    } catch (err) {
      if (stopped || id !== toValue(boardId)) return
      if (FATAL.has(err.status)) {
        status.value = 'failed'
        error.value = err
      } else scheduleReopen()
    }
  }

  function open() {
    closeStream()
    clearTimeout(retryTimer)
    if (stopped) return
    const id = toValue(boardId)
    if (!id) return
    lastEventAt = Date.now()
    const source = new EventSource(boardsApi.streamUrl(id, toValue(query)), { withCredentials: true })
    es = source
    source.addEventListener('snapshot', onSnapshot)
    source.addEventListener('changes', onChanges)
    source.addEventListener('heartbeat', onHeartbeat)
    source.addEventListener('resync', onResync)
    source.onopen = () => {
      lastEventAt = Date.now()
    }
    source.onerror = () => {
      if (es !== source) return
      if (status.value !== 'failed' && board.value) status.value = 'reconnecting'
      if (source.readyState === EventSource.CLOSED) {
        // Refused (an error status or not an event stream): EventSource gives up; we decide.
        closeStream()
        probe()
      }
      // Otherwise EventSource reconnects by itself, sending Last-Event-ID.
    }
  }

  function start() {
    stopped = false
    status.value = 'connecting'
    error.value = null
    board.value = null
    rows.value = []
    venues.value = []
    allTicker.value = []
    frozen.value = null
    for (const id of Object.keys(flashes)) delete flashes[id]
    awaitingSnapshot = false
    retries = 0
    open()
    clearInterval(watchdog)
    watchdog = setInterval(() => {
      if (stopped || status.value === 'failed' || !es) return
      if (Date.now() - lastEventAt > SILENCE_MS) {
        // Nothing, not even a heartbeat: the connection is dead without saying so. A manual reopen
        // cannot send Last-Event-ID, so the server starts it with a snapshot.
        if (board.value) status.value = 'reconnecting'
        open()
      }
    }, WATCHDOG_MS)
  }

  function stop() {
    stopped = true
    closeStream()
    clearTimeout(retryTimer)
    clearInterval(watchdog)
    watchdog = null
    for (const timer of flashTimers.values()) clearTimeout(timer)
    flashTimers.clear()
  }

  watch(
    () => [toValue(boardId), JSON.stringify(toValue(query) || {})],
    () => {
      stop()
      start()
    },
    { immediate: true }
  )
  onBeforeUnmount(stop)

  return { board, rows, venues, ticker, seq, live, frozen, status, error, updatedAt, flashes, reconnect: open }
}
