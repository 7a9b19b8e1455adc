// Live boards (docs/api/boards.md): the list, snapshots that agree with the standings, the SSE stream
// (snapshot, changes within a second, resume with Last-Event-ID), organisation filter, freeze and
// reveal, and boards identical after kill -9. Marks come from a signed scoring device.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance } from '../lib/server.mjs'
import { EventStream } from '../lib/sse.mjs'
import { signedDeviceRequest } from '../lib/device.mjs'

const app = new Instance()
let admin, comp, event, venue, device, measurement, venueEntries
let clientSeq = 0

before(async () => {
  app.prepare()
  await app.start()
  admin = await app.login()
  comp = (await app.request('GET', '/api/v1/competitions', { token: admin })).body.items[0]
  event = (await app.request('GET', `/api/v1/events/${comp.events[0].id}`, { token: admin })).body
  venue = comp.venues[0]
  const entries = (await app.request('GET', `/api/v1/events/${event.id}/entries`, { token: admin })).body.items
  venueEntries = entries.filter((e) => e.venue_id === venue.id && e.status !== 'withdrawn')
  measurement = event.components.flatMap((c) => c.aspects).find((a) => a.kind === 'measurement' && a.name !== '理论考试成绩')
  device = (await app.request('POST', `/api/v1/competitions/${comp.id}/devices`, { token: admin, body: { name: '大屏测试设备', venue_id: venue.id } })).body
})
after(async () => { await app.stop(); app.cleanup() })

/** Records one measurement mark through the signed device API; returns its seq. */
async function mark(entry, value) {
  const { raw, headers } = signedDeviceRequest(device, { marks: [{ client_id: `board-${++clientSeq}`, entry_id: entry.id, aspect_id: measurement.id, value }] })
  const r = await app.request('POST', '/api/v1/device/marks', { raw, headers })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  return r.body.items[0].seq
}

async function standings(venueId) {
  const q = venueId ? `?venue_id=${venueId}` : ''
  const r = await app.request('GET', `/api/v1/events/${event.id}/standings${q}`, { token: admin })
  // By entry id and by public board row id (rows never carry entry ids).
  return new Map(r.body.items.flatMap((i) => [[i.entry.id, i], [i.entry.board_row_id, i]]))
}

const board = async (id, token, query = '') => app.request('GET', `/api/v1/boards/${id}${query}`, { token })

/** Waits until the board (as `token` sees it) reflects the mark log up to `seq`. */
async function boardAt(id, seq, token) {
  for (let i = 0; i < 100; i++) {
    const r = await board(id, token)
    if (r.body.seq >= seq) return r.body
    await new Promise((res) => setTimeout(res, 20))
  }
  throw new Error(`board ${id} never reached seq ${seq}`)
}

test('spectators list the boards of a running competition: overall and per venue', async () => {
  const r = await app.request('GET', '/api/v1/boards')
  assert.equal(r.status, 200)
  const ids = r.body.items.map((b) => b.id)
  assert.ok(ids.includes(`e${event.id}`), ids.join(','))
  assert.ok(ids.includes(`e${event.id}-v${venue.id}`))
  assert.equal(r.body.items.find((b) => b.id === `e${event.id}`).competition.status, 'running')
})

test('a board shows exactly the totals and ranks of the standings, overall and per venue', async () => {
  for (const [id, venueId] of [[`e${event.id}`, null], [`e${event.id}-v${venue.id}`, venue.id]]) {
    const r = await board(id)
    assert.equal(r.status, 200)
    assert.equal(r.body.live, false, 'a spectator gets the public view')
    const expected = await standings(venueId)
    assert.equal(r.body.rows.length, expected.size / 2)
    for (const row of r.body.rows) {
      const s = expected.get(row.row_id)
      assert.ok(s, `row ${row.row_id} is in the standings`)
      assert.equal(row.entry_id, undefined, 'no entry id on a public board')
      assert.equal(row.total, s.total, `total of ${row.bib}`)
      assert.equal(row.rank, s.rank, `rank of ${row.bib}`)
      assert.equal(row.tied, s.tied)
      assert.equal(row.tasks.length, event.components.length)
    }
    const ranked = r.body.rows.filter((x) => x.rank > 0).map((x) => x.rank)
    assert.deepEqual(ranked, [...ranked].sort((a, b) => a - b), 'rows come in rank order')
    assert.ok(r.body.venues.length >= 1)
    assert.equal(r.body.board.tasks.length, event.components.length)
  }
})

test('the stream starts with a snapshot, then brings a marked row within a second', async () => {
  const stream = await new EventStream(`${app.base}/api/v1/boards/e${event.id}/stream`).open()
  try {
    assert.equal(stream.status, 200)
    assert.match(stream.contentType, /text\/event-stream/)
    const snap = await stream.next((e) => e.event === 'snapshot')
    assert.ok(snap.id)
    const target = venueEntries[0]
    const sent = Date.now()
    const seq = await mark(target, measurement.max_mark)
    const ev = await stream.next((e) => e.event === 'changes' && e.json.rows.some((r) => r.row_id === target.board_row_id && r.seq >= seq), 2000)
    assert.ok(Date.now() - sent < 1000, `arrived after ${Date.now() - sent} ms`)
    const row = ev.json.rows.find((r) => r.row_id === target.board_row_id)
    const s = (await standings()).get(target.id)
    assert.equal(row.total, s.total)
    assert.equal(row.rank, s.rank)
    assert.ok(ev.json.seq >= seq)
  } finally { stream.close() }
})

test('changes are coalesced: marks faster than 10 a second arrive in at most about 10 pushes a second', async () => {
  const stream = await new EventStream(`${app.base}/api/v1/boards/e${event.id}/stream`).open()
  try {
    await stream.next((e) => e.event === 'snapshot')
    const from = stream.events.length
    const started = Date.now()
    let last = 0
    for (let i = 0; i < 60; i++) last = await mark(venueEntries[i % 4], i % 2 ? measurement.max_mark : 0)
    await stream.next((e) => e.event === 'changes' && e.json.seq >= last, 3000, from)
    const elapsed = Date.now() - started
    const pushes = stream.events.slice(from).filter((e) => e.event === 'changes').length
    assert.ok(pushes < 60, `${pushes} pushes for 60 marks`)
    assert.ok(pushes <= Math.ceil(elapsed / 90) + 2, `${pushes} pushes in ${elapsed} ms`)
  } finally { stream.close() }
})

test('a viewer that reconnects with Last-Event-ID gets what it missed, not a new snapshot', async () => {
  const first = await new EventStream(`${app.base}/api/v1/boards/e${event.id}/stream`).open()
  const snap = await first.next((e) => e.event === 'snapshot')
  first.close()
  const target = venueEntries[1]
  const seq = await mark(target, 0)
  await boardAt(`e${event.id}`, seq)
  const again = await new EventStream(`${app.base}/api/v1/boards/e${event.id}/stream`, { 'last-event-id': snap.id }).open()
  try {
    const ev = await again.next(() => true)
    assert.equal(ev.event, 'changes', 'resumed, not restarted')
    const row = ev.json.rows.find((r) => r.row_id === target.board_row_id)
    assert.ok(row, 'the row changed while away is in the first event')
    assert.equal(row.total, (await standings()).get(target.id).total)
  } finally { again.close() }
  // An id this server never gave out means a fresh snapshot.
  const stranger = await new EventStream(`${app.base}/api/v1/boards/e${event.id}/stream`, { 'last-event-id': 'zzz-5' }).open()
  try { assert.equal((await stranger.next(() => true)).event, 'snapshot') } finally { stranger.close() }
})

test('an organisation filter keeps the board\'s ranks and shows only that organisation\'s entrants', async () => {
  const all = (await board(`e${event.id}`)).body.rows
  const org = all[0].org.id
  const r = await board(`e${event.id}`, undefined, `?org=${org}`)
  assert.equal(r.status, 200)
  assert.ok(r.body.rows.length >= 1)
  assert.ok(r.body.rows.every((x) => x.org.id === org))
  assert.equal(r.body.rows.length, all.filter((x) => x.org.id === org).length)
  for (const row of r.body.rows) assert.equal(row.rank, all.find((x) => x.row_id === row.row_id).rank)
  assert.equal((await board(`e${event.id}`, undefined, '?org=99999999')).status, 400)
})

test('freeze: spectators see results pending, organisers the live board; reveal goes entrant by entrant', async () => {
  const worker = await app.login(app.demoAccounts.worker.username, app.demoAccounts.worker.password)
  assert.equal((await app.request('POST', `/api/v1/boards/e${event.id}/freeze`, { token: worker })).status, 403)
  assert.equal((await app.request('POST', `/api/v1/boards/e${event.id}/freeze`)).status, 401)
  const target = venueEntries[2]
  const before = (await board(`e${event.id}`)).body.rows.find((r) => r.row_id === target.board_row_id)
  const f = await app.request('POST', `/api/v1/boards/e${event.id}/freeze`, { token: admin })
  assert.equal(f.status, 200, JSON.stringify(f.body))
  assert.equal((await app.request('POST', `/api/v1/boards/e${event.id}/freeze`, { token: admin })).status, 409)
  const value = before.tasks.length && measurement.max_mark
  const seq = await mark(target, value)
  const live = await boardAt(`e${event.id}`, seq, admin)
  assert.equal(live.live, true)
  const expected = (await standings()).get(target.id).total
  assert.equal(live.rows.find((r) => r.row_id === target.board_row_id).total, expected)
  const pub = (await board(`e${event.id}`)).body
  assert.ok(pub.frozen, 'the public view says it is frozen')
  const hidden = pub.rows.find((r) => r.row_id === target.board_row_id)
  assert.equal(hidden.total, before.total, 'nothing after the freeze leaks')
  assert.equal(hidden.pending, true)
  assert.ok(hidden.seq <= pub.frozen.seq)
  // The venue board follows the event's freeze.
  assert.ok((await board(`e${event.id}-v${venue.id}`)).body.frozen)
  const shown = await app.request('POST', `/api/v1/boards/e${event.id}/reveal`, { token: admin })
  assert.equal(shown.status, 200, JSON.stringify(shown.body))
  assert.equal(shown.body.revealed.entry_id, target.id)
  const after = (await board(`e${event.id}`)).body.rows.find((r) => r.row_id === target.board_row_id)
  assert.equal(after.total, expected)
  assert.equal(after.pending, false)
  assert.equal(shown.body.remaining, 0)
  assert.equal(shown.body.frozen, null, 'the last hidden result is out: the board is live again')
  assert.equal((await board(`e${event.id}`)).body.frozen, null)
  assert.equal((await app.request('POST', `/api/v1/boards/e${event.id}/reveal`, { token: admin })).status, 409)
})

test('after kill -9 and a restart the boards are identical', async () => {
  const seq = await mark(venueEntries[3], measurement.max_mark)
  const ids = [`e${event.id}`, `e${event.id}-v${venue.id}`]
  const before = []
  for (const id of ids) before.push(await boardAt(id, seq, admin))
  await app.stop('SIGKILL')
  await app.start()
  admin = await app.login()
  for (let i = 0; i < ids.length; i++) {
    const now = (await board(ids[i], admin)).body
    assert.equal(now.seq, before[i].seq)
    assert.deepEqual(now.rows, before[i].rows)
    assert.deepEqual(now.venues, before[i].venues)
  }
})

test('pages and single rows come from the board in display order, with the same ranks', async () => {
  const all = (await board(`e${event.id}`)).body.rows
  const page = await app.request('GET', `/api/v1/boards/e${event.id}/rows?offset=2&limit=3`)
  assert.equal(page.status, 200)
  assert.equal(page.body.total, all.length)
  assert.deepEqual(page.body.rows, all.slice(2, 5))
  const one = await app.request('GET', `/api/v1/boards/e${event.id}/rows/${all[3].row_id}`)
  assert.equal(one.status, 200)
  assert.deepEqual(one.body.row, all[3])
  assert.equal((await app.request('GET', `/api/v1/boards/e${event.id}/rows?offset=-1`)).status, 400)
  assert.equal((await app.request('GET', `/api/v1/boards/e${event.id}/rows/99999999`)).status, 404)
})

test('unknown boards and bad queries get JSON errors', async () => {
  for (const id of ['zzz', 'e99999999', `e${event.id}-v99999999`]) {
    const r = await board(id)
    assert.equal(r.status, 404, id)
    assert.equal(r.body.error.code, 'not_found')
  }
  assert.equal((await board(`e${event.id}`, undefined, '?view=sideways')).status, 400)
  assert.equal((await app.request('GET', `/api/v1/boards/zzz/stream`)).status, 404)
})
