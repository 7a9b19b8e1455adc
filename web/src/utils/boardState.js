// The state of a live board (docs/api/boards.md) and how the stream's events change it. No Vue, no
// network: composables/useBoardStream.js keeps it current.

export const TICKER_KEEP = 20

/**
 * Rank order: rank 1, 2, … then the unranked (rank 0). Ties keep the order the server sent (the sort is
 * stable): rows carry opaque public ids (row_id), not entry ids, so there is nothing else to order by.
 */
export function compareRows(a, b) {
  const ra = Number(a.rank) > 0 ? Number(a.rank) : Infinity
  const rb = Number(b.rank) > 0 ? Number(b.rank) : Infinity
  if (ra !== rb) return ra < rb ? -1 : 1
  return 0
}

/** Newest first, one item per seq, at most TICKER_KEEP. */
export function mergeTicker(fresh, old) {
  const seen = new Set()
  const out = []
  for (const item of [...(fresh || []), ...(old || [])]) {
    if (!item || seen.has(item.seq)) continue
    seen.add(item.seq)
    out.push(item)
  }
  out.sort((a, b) => Number(b.seq) - Number(a.seq))
  return out.slice(0, TICKER_KEEP)
}

/** The state of a snapshot (GET /boards/{id} or the stream's `snapshot` event). */
export function stateFromSnapshot(snap) {
  return {
    board: snap.board || null,
    seq: snap.seq || 0,
    live: snap.live !== false,
    frozen: snap.frozen || null,
    venues: snap.venues || [],
    rows: [...(snap.rows || [])].sort(compareRows),
    ticker: mergeTicker(snap.ticker, [])
  }
}

/**
 * Applies one `changes` event to `state` (an object as stateFromSnapshot returns; updated in place
 * with new arrays). Returns the rows that moved or scored: [{ row_id, dir: 'up'|'down'|'', scored }].
 */
export function applyChanges(state, msg) {
  const byId = new Map(state.rows.map((r) => [String(r.row_id), r]))
  const moves = []
  for (const row of msg.rows || []) {
    const key = String(row.row_id)
    const old = byId.get(key)
    byId.set(key, row)
    const dir =
      old && old.rank > 0 && row.rank > 0 && old.rank !== row.rank ? (row.rank < old.rank ? 'up' : 'down') : ''
    const scored = !old || old.seq !== row.seq || old.total !== row.total
    if (dir || scored) moves.push({ row_id: key, dir, scored })
  }
  for (const id of msg.removed || []) byId.delete(String(id))
  state.rows = [...byId.values()].sort(compareRows)
  if (Array.isArray(msg.venues)) state.venues = msg.venues
  if (Array.isArray(msg.ticker) && msg.ticker.length) state.ticker = mergeTicker(msg.ticker, state.ticker)
  if ('frozen' in msg) state.frozen = msg.frozen || null
  if ('live' in msg) state.live = msg.live !== false
  if (msg.seq != null) state.seq = Math.max(Number(state.seq) || 0, Number(msg.seq) || 0)
  return moves
}
