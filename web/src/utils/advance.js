// 晋级下一阶段: who advances from a stage's standings, the same rule as the server
// (core::advancing in src/core/ranking.cpp): top N, or top p% rounded up, of the ranked entrants
// (rank > 0: the disqualified never advance); everyone tied at the cut goes through. Only a preview:
// POST /events/{id}/advance decides.

/** The number of places the rule gives among `count` ranked entrants. */
export function advancePlaces(count, { top_n, top_percent } = {}) {
  let places = count
  if (top_n != null) places = Math.min(places, Math.floor(top_n))
  if (top_percent != null) {
    const share = Number.isFinite(top_percent) ? Math.min(Math.max(top_percent, 0), 100) : 0
    // The server's 1e-9 keeps 30% of 10 at 3 places when the product comes out as 3.0000000000000004.
    places = Math.min(places, Math.ceil((share * count) / 100 - 1e-9))
  }
  return Math.max(places, 0)
}

/**
 * Standings rows (GET /events/{id}/standings items, in rank order) → `{ ids, cutRank, places }`:
 * the entry ids that advance, the last rank that advances (0 when nobody does) and the places the
 * rule gives (fewer than ids.length when entrants tie at the cut).
 */
export function advancing(rows, rule) {
  const ranks = rows.filter((r) => r.rank > 0).map((r) => r.rank).sort((a, b) => a - b)
  const places = advancePlaces(ranks.length, rule)
  if (places <= 0) return { ids: [], cutRank: 0, places: 0 }
  const cutRank = ranks[places - 1]
  const ids = rows.filter((r) => r.rank > 0 && r.rank <= cutRank).map((r) => r.entry.id)
  return { ids, cutRank, places }
}
