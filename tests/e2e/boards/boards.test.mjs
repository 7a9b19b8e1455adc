// Live boards in the browser (docs/api/boards.md). Set-up through the API (lib/competition.mjs): a
// running welding competition with three entrants whose theory marks are in. Then:
// (a) without a session, the big screen /screen/e{event} (1920×1080) and the phone page
//     /live/e{event}?bib=… (390×844) show the board from the stream; a judge posts a practical mark
//     and both pages move that entrant's total and rank without a reload;
// (a2) the organiser freezes the board (封榜): a later mark shows as pending, not as a new total, on
//      both pages; the reveal shows it;
// (b) an organiser finds the board under the 实时排名 menu with links to both pages;
// (c) a board that does not exist says so on the big screen.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { login, newPage, sel, shot, withShotOnFailure, assertFitsPhone } from '../lib/ui.mjs'
import { setUpCompetition, PASSWORD } from '../lib/competition.mjs'
import { RUN } from '../lib/data.mjs'

let env
let call, users, event, entries, practical, rowOf
let boardId
let screen, phone

const fmtTotal = (v) => Number(v).toFixed(2)

/** A page in its own context without a session (a venue PC, a spectator's phone). */
async function openContext(options) {
  const context = await env.browser.newContext({ locale: 'zh-CN', ...options })
  context.setDefaultTimeout(15000)
  const page = await context.newPage()
  page.consoleErrors = []
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)))
  return page
}

/** The board as an anonymous spectator sees it (GET /boards/{id}). */
async function snapshot() {
  const r = await env.api('GET', `/boards/${boardId}`)
  assert.equal(r.status, 200, `GET /boards/${boardId}: ${JSON.stringify(r.body)}`)
  return r.body
}

/** Waits until the board row `rowId` on `page` shows `total` and `rank`. */
async function waitForRow(page, rowTest, rowId, total, rank) {
  await page.waitForFunction(
    ({ rowTest, rowId, total, rank }) => {
      const row = document.querySelector(`[data-test="${rowTest}"][data-entry="${rowId}"]`)
      if (!row) return false
      const t = row.querySelector('[data-test="row-total"]')
      const r = row.querySelector('[data-test="row-rank"]')
      return !!t && !!r && t.textContent.includes(total) && r.textContent.trim() === rank
    },
    { rowTest, rowId, total, rank: String(rank) },
    { timeout: 15000 }
  )
}

before(async () => {
  env = await startEnv('boards')
  ;({ call, users, event, entries, practical } = await setUpCompetition(env, {
    userPrefix: 'bd.',
    // Theory only: 80, 70, 60. The third entrant is last until the test posts a practical mark.
    plan: ({ th, e0, e1, e2 }) => ({ j2: [[e0, th, 80], [e1, th, 70], [e2, th, 60]] })
  }))
  boardId = `e${event.id}`
  // Boards show public row ids, never entry ids: the organiser's entries list says which row is whose.
  const listed = (await call('GET', `/events/${event.id}/entries`, undefined, env.adminToken, 200)).body.items
  rowOf = new Map(listed.map((e) => [String(e.id), e.board_row_id]))
}, { timeout: 180000 })

after(async () => {
  for (const p of [screen, phone]) if (p) await p.context().close().catch(() => {})
  if (env) await env.stop()
})

test('(a) the big screen and the phone page follow a new mark without a reload', { timeout: 120000 }, async () => {
  // The boards follow the mark log within about a second of each commit; on a busy machine the set-up's
  // last marks may still be on their way.
  let initial = await snapshot()
  for (let i = 0; i < 50 && initial.rows.filter((r) => r.total > 0).length < 3; ++i) {
    await new Promise((r) => setTimeout(r, 100))
    initial = await snapshot()
  }
  assert.equal(initial.board.id, boardId)
  assert.equal(initial.rows.length, 3, 'three entrants on the board')
  const last = entries[2].id
  const lastRow = rowOf.get(String(last))
  const lastBefore = initial.rows.find((r) => r.row_id === lastRow)
  assert.ok(lastBefore, 'the third entrant is on the board')
  assert.equal(lastBefore.rank, 3, 'the third entrant starts last')

  screen = await openContext({ viewport: { width: 1920, height: 1080 } })
  phone = await openContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })

  await withShotOnFailure(screen, 'board-screen', async () => {
    await screen.goto(`${env.baseUrl}/screen/${boardId}`)
    await screen.locator(`${sel('board-status')}.connected`).waitFor()
    assert.equal((await screen.locator(sel('board-title')).innerText()).trim(), initial.board.title)
    assert.equal(await screen.locator(sel('board-row')).count(), 3)
    await waitForRow(screen, 'board-row', lastRow, fmtTotal(lastBefore.total), 3)
    // No app chrome on the big screen.
    assert.equal(await screen.locator(sel('side-menu')).count(), 0)
    assert.match(await screen.locator(sel('board-page')).innerText(), /第 1 \/ 1 页/)
  })
  await withShotOnFailure(phone, 'board-phone', async () => {
    await phone.goto(`${env.baseUrl}/live/${boardId}?bib=${encodeURIComponent(lastBefore.bib)}`)
    await phone.locator(`${sel('live-status')}.connected`).waitFor()
    assert.equal(await phone.locator(sel('live-row')).count(), 3)
    await waitForRow(phone, 'live-row', lastRow, fmtTotal(lastBefore.total), 3)
    // ?bib= highlights the contestant's own entry.
    assert.equal((await phone.locator(sel('mine-rank')).innerText()).trim(), '3')
    assert.ok(await phone.locator(`${sel('live-row')}[data-entry="${lastRow}"].mine`).isVisible())
    await assertFitsPhone(phone, 'the live board on a phone')
  })

  // A page that reloads loses this marker.
  for (const p of [screen, phone]) await p.evaluate(() => (window.__boardMarker = 'same-page'))

  // A judge posts the third entrant's measurement: 60 + 38 puts them ahead of 80.
  const m = practical.aspects[0]
  await call('POST', '/marks', {
    marks: [{ client_id: `bd-live-${RUN}`, entry_id: last, aspect_id: m.id, value: 38 }]
  }, users.j2.token, 201)

  let latest = null
  for (let i = 0; i < 50; i++) {
    latest = await snapshot()
    const row = latest.rows.find((r) => r.row_id === lastRow)
    if (row && Number(row.total) !== Number(lastBefore.total)) break
    await new Promise((r) => setTimeout(r, 200))
  }
  const lastAfter = latest.rows.find((r) => r.row_id === lastRow)
  assert.notEqual(Number(lastAfter.total), Number(lastBefore.total), 'the snapshot has the new mark')
  assert.ok(lastAfter.rank < 3, `the mark moves the entrant up (rank ${lastAfter.rank})`)

  await withShotOnFailure(screen, 'board-screen', async () => {
    await waitForRow(screen, 'board-row', lastRow, fmtTotal(lastAfter.total), lastAfter.rank)
    // Every row shows the snapshot's rank.
    for (const r of latest.rows) await waitForRow(screen, 'board-row', r.row_id, fmtTotal(r.total), r.rank)
    if (latest.ticker.some((tk) => tk.row_id === lastRow)) {
      await screen.locator(sel('board-ticker'), { hasText: lastAfter.name }).waitFor()
    }
    assert.equal(await screen.evaluate(() => window.__boardMarker), 'same-page', 'the big screen did not reload')
    await screen.waitForTimeout(1200) // the rows' move transition
    await shot(screen, 'screen')
    assert.deepEqual(screen.consoleErrors, [])
  })
  await withShotOnFailure(phone, 'board-phone', async () => {
    await waitForRow(phone, 'live-row', lastRow, fmtTotal(lastAfter.total), lastAfter.rank)
    const order = await phone.locator(sel('live-row')).evaluateAll((els) => els.map((e) => e.dataset.entry))
    assert.deepEqual(order, latest.rows.map((r) => r.row_id), 'the phone list is in rank order')
    assert.equal((await phone.locator(sel('mine-rank')).innerText()).trim(), String(lastAfter.rank))
    assert.equal(await phone.evaluate(() => window.__boardMarker), 'same-page', 'the phone page did not reload')
    // Search by bib narrows the list.
    await phone.locator(`${sel('live-search')}`).fill(lastAfter.bib)
    await phone.waitForFunction(() => document.querySelectorAll('[data-test="live-row"]').length === 1)
    await phone.locator(`${sel('live-search')}`).fill('')
    await phone.waitForFunction(() => document.querySelectorAll('[data-test="live-row"]').length === 3)
    await phone.waitForTimeout(1000)
    await shot(phone, 'phone')
    assert.deepEqual(phone.consoleErrors, [])
  })
})

test('(a2) a freeze holds new results back on both pages; the reveal shows them', { timeout: 120000 }, async () => {
  assert.ok(screen && phone, 'test (a) opened the pages')
  const org = users.organiser.token
  const second = entries[1].id
  const secondRow = rowOf.get(String(second))
  const initial = await snapshot()
  const secondBefore = initial.rows.find((r) => r.row_id === secondRow)

  await withShotOnFailure(screen, 'board-screen-frozen', async () => {
    await call('POST', `/boards/${boardId}/freeze`, undefined, org, 200)
    await screen.locator(sel('board-frozen')).waitFor()
    assert.match(await screen.locator(sel('board-frozen')).innerText(), /封榜：后续成绩待揭晓/)
    await phone.locator(sel('live-frozen')).waitFor()

    // A mark after the freeze: spectators keep the old total, the row is marked pending.
    await call('POST', '/marks', {
      marks: [{ client_id: `bd-frozen-${RUN}`, entry_id: second, aspect_id: practical.aspects[0].id, value: 39.5 }]
    }, users.j2.token, 201)
    for (const [p, rowTest] of [[screen, 'board-row'], [phone, 'live-row']]) {
      await p.locator(`${sel(rowTest)}[data-entry="${secondRow}"] ${sel('row-pending')}`).waitFor()
      await waitForRow(p, rowTest, secondRow, fmtTotal(secondBefore.total), secondBefore.rank)
    }
    await screen.waitForTimeout(800)
    await shot(screen, 'screen-frozen')
    await shot(phone, 'phone-frozen')
  })

  await withShotOnFailure(screen, 'board-screen-reveal', async () => {
    // The award ceremony: the pending entrant is revealed with the new total and place.
    const revealed = (await call('POST', `/boards/${boardId}/reveal`, undefined, org, 200)).body
    assert.equal(String(revealed.revealed.entry_id), String(second))
    let latest = await snapshot()
    if (latest.frozen) {
      // Nothing pending any more: the next reveal (or an unfreeze) ends the freeze.
      await call('POST', `/boards/${boardId}/reveal`, undefined, org)
      latest = await snapshot()
      if (latest.frozen) await call('POST', `/boards/${boardId}/unfreeze`, undefined, org, 200)
      latest = await snapshot()
    }
    assert.equal(latest.frozen, null)
    const row = latest.rows.find((r) => r.row_id === secondRow)
    assert.ok(Number(row.total) > Number(secondBefore.total))
    for (const [p, rowTest, banner] of [[screen, 'board-row', 'board-frozen'], [phone, 'live-row', 'live-frozen']]) {
      await waitForRow(p, rowTest, secondRow, fmtTotal(row.total), row.rank)
      await p.locator(sel(banner)).waitFor({ state: 'detached' })
      assert.equal(await p.locator(`${sel(rowTest)}[data-entry="${secondRow}"] ${sel('row-pending')}`).count(), 0)
    }
    assert.equal(await screen.evaluate(() => window.__boardMarker), 'same-page')
  })
})

test('(b) an organiser finds the board under 实时排名 with links to both pages', { timeout: 60000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'boards-list', async () => {
      await login(page, env.baseUrl, users.organiser.username, PASSWORD)
      await page.locator(sel('menu-live')).click()
      await page.locator(sel('boards-page')).waitFor()
      const screenLink = page.locator(sel('board-screen-' + boardId))
      await screenLink.waitFor()
      // The big screen asks for the spectators' view even when an organiser opens it.
      assert.equal(await screenLink.getAttribute('href'), `/screen/${boardId}?view=public`)
      assert.equal(await page.locator(sel('board-phone-' + boardId)).getAttribute('href'), `/live/${boardId}`)
      await shot(page, 'boards-list')
      await page.locator(sel('board-phone-' + boardId)).click()
      await page.locator(`${sel('live-status')}.connected`).waitFor()
      assert.equal(await page.locator(sel('live-row')).count(), 3)
    })
  } finally {
    await page.context().close().catch(() => {})
  }
})

test('(c) a board that does not exist says so on the big screen', { timeout: 60000 }, async () => {
  const page = await openContext({ viewport: { width: 1920, height: 1080 } })
  try {
    await withShotOnFailure(page, 'board-missing', async () => {
      await page.goto(`${env.baseUrl}/screen/e999999`)
      const msg = page.locator(sel('board-refused'))
      await msg.waitFor()
      // 404 by the contract; a server that does not tell strangers which boards exist may answer 403.
      assert.match(await msg.innerText(), /排名不存在或尚未开放|您无权查看此排名/)
      assert.equal(new URL(page.url()).pathname, '/screen/e999999', 'no redirect to the login page')
    })
  } finally {
    await page.context().close().catch(() => {})
  }
})

test('(d) the stream\'s events merge as the contract says (no browser)', async () => {
  const { applyChanges, stateFromSnapshot, mergeTicker } = await import(
    new URL('../../../web/src/utils/boardState.js', import.meta.url).href
  )
  const row = (id, rank, total, seq = 1) => ({ row_id: String(id), rank, total, seq, tasks: [] })
  const s = stateFromSnapshot({
    board: { id: 'e1' }, seq: 10, live: true, frozen: null, venues: [{ id: '1' }],
    rows: [row(3, 0, 5), row(2, 2, 50), row(10, 1, 90), row(9, 2, 50)], ticker: [{ seq: 5 }, { seq: 7 }]
  })
  // Rank order, the unranked last, ties in the order the server sent them.
  assert.deepEqual(s.rows.map((r) => r.row_id), ['10', '2', '9', '3'])
  const changes = {
    seq: 12, rows: [row(9, 1, 95, 12), row(10, 2, 90), row(2, 3, 50)], removed: ['3'],
    ticker: [{ seq: 12 }, { seq: 7 }], frozen: { at: '2026-11-24T09:30:00Z', seq: 11, revealed: 0, remaining: 1 }
  }
  const moves = applyChanges(s, changes)
  assert.deepEqual(s.rows.map((r) => r.row_id), ['9', '10', '2'])
  assert.deepEqual(moves, [
    { row_id: '9', dir: 'up', scored: true },
    { row_id: '10', dir: 'down', scored: false },
    { row_id: '2', dir: 'down', scored: false }
  ])
  assert.deepEqual(s.ticker.map((t) => t.seq), [12, 7, 5], 'newest first, one per seq')
  assert.equal(s.seq, 12)
  assert.equal(s.frozen.remaining, 1)
  // Applying the same event twice changes nothing; a missing `frozen` or `venues` keeps the old one.
  delete changes.frozen
  applyChanges(s, changes)
  assert.deepEqual(s.rows.map((r) => r.row_id), ['9', '10', '2'])
  assert.equal(s.ticker.length, 3)
  assert.equal(s.frozen.remaining, 1)
  assert.deepEqual(s.venues, [{ id: '1' }])
  applyChanges(s, { seq: 13, frozen: null, venues: [] })
  assert.equal(s.frozen, null)
  assert.deepEqual(s.venues, [])
  assert.equal(mergeTicker(Array.from({ length: 30 }, (_, i) => ({ seq: 100 + i })), s.ticker).length, 20)
})
