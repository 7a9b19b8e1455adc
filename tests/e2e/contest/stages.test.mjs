// Stages and entry cards in the browser. Set-up through the API: an organiser, three judges and a
// chief judge, a competition with two venues, a welding preliminary (初赛) with ten entrants (five a
// venue, workstations drawn) and complete panel marks — totals all different but for a tie at rank 4
// — and a welding final (决赛) in the same competition. Then in the UI: the organiser's 晋级下一阶段 tab
// previews top 4 (five with the tie), each venue's top 2 and the overall top 2; advancing before the
// lock shows the server's `not_locked` message; once the chief judge has locked the preliminary the
// top 2 are registered and found in the final's entrants. 打印参赛证 opens the A4 print page: ten
// cards on two sheets, each with its QR code loaded; printed to PDF it is two pages. The chief judge
// sees neither the tab nor the button.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEnv, ARTIFACTS } from '../lib/env.mjs'
import { newPage, login, sel, shot, withShotOnFailure } from '../lib/ui.mjs'
import { apiCaller, createStaff, PASSWORD } from '../lib/competition.mjs'
import { RUN } from '../lib/data.mjs'

let env
let call
const users = {}
let comp, venueA, venueB, prelim, final, entries
const ENTRANTS = 10
// Theory marks per entrant (in bib order); every other aspect gets full marks, so the totals are
// 191, 186, 181, 176, 176 (tied: same practical too), 166, … and the ranks 1, 2, 3, 4, 4, 6, ….
const THEORY = [95, 90, 85, 80, 80, 70, 65, 60, 55, 50]
const rowsOf = (table) => `${sel(table)} .el-table__body .el-table__row`
const confirmBox = (p) => p.locator('.el-message-box__btns .el-button--primary').click()

const SCHEME = {
  components: [
    { kind: 'theory', name: '理论知识', max_mark: 100, weight: 0.3 },
    { kind: 'practical', name: '实操：板对接焊', max_mark: 100, weight: 0.7, aspects: [
      { criterion: '焊缝尺寸', name: '焊缝宽度偏差', kind: 'measurement', max_mark: 40, step: 0.5 },
      { criterion: '外观', name: '焊缝成形美观', kind: 'judgement', max_mark: 30 },
      { criterion: '安全文明', name: '安全文明生产', kind: 'judgement', max_mark: 30 }
    ] }
  ]
}

before(async () => {
  env = await startEnv('stages')
  call = apiCaller(env)
  const root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  const welding = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items.find((w) => w.name === '焊工')
  assert.ok(welding, 'the demo has welders')
  Object.assign(users, await createStaff(env, call, root.id, 'e2e.s', [
    ['organiser', 'organiser', '赛事组织者'],
    ['j1', 'judge', '陈裁判'],
    ['j2', 'judge', '王裁判'],
    ['j3', 'judge', '李裁判'],
    ['chief', 'chief_judge', '赵裁判长']
  ]))
  const org = users.organiser.token

  comp = (await call('POST', '/competitions', {
    name: '2026年温州市焊工技能大赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30'
  }, org, 201)).body
  venueA = (await call('POST', `/competitions/${comp.id}/venues`, { name: '鹿城赛区', city: '温州' }, org, 201)).body
  venueB = (await call('POST', `/competitions/${comp.id}/venues`, { name: '瓯海赛区', city: '温州' }, org, 201)).body
  prelim = (await call('POST', `/competitions/${comp.id}/events`, {
    name: '焊工初赛', work_type_id: welding.id, total_mode: 'raw_sum', tie_breaks: ['practical_higher'], venue_ids: [venueA.id, venueB.id]
  }, org, 201)).body
  prelim = (await call('PUT', `/events/${prelim.id}/scheme`, SCHEME, org, 200)).body
  const [theory, practical] = prelim.components
  const [m, look, safety] = practical.aspects

  await call('POST', `/competitions/${comp.id}/status`, { status: 'registration' }, org, 200)
  const workers = (await call('GET', `/workers?work_type_id=${welding.id}&limit=50`, undefined, env.adminToken, 200)).body.items
  assert.ok(workers.length >= ENTRANTS, `the demo has ${ENTRANTS} welders (${workers.length})`)
  for (let i = 0; i < ENTRANTS; i++) {
    const venue_id = i % 2 === 0 ? venueA.id : venueB.id
    await call('POST', `/events/${prelim.id}/entries`, { worker_id: workers[i].id, venue_id }, org, 201)
  }
  for (const k of ['j1', 'j2', 'j3']) await call('POST', `/events/${prelim.id}/judges`, { user_id: users[k].id }, org, 201)
  await call('POST', `/events/${prelim.id}/judges`, { user_id: users.chief.id, chief: true }, org, 201)
  // 抽签: the cards show the workstations.
  await call('POST', `/events/${prelim.id}/draw`, { seed: 'e2e-stages' }, org, 200)
  entries = (await call('GET', `/events/${prelim.id}/entries`, undefined, org, 200)).body.items
  assert.equal(entries.length, ENTRANTS)
  assert.ok(entries.every((e) => /^A\d\d$/.test(e.workstation)), 'every entrant has a workstation')
  await call('POST', `/competitions/${comp.id}/status`, { status: 'running' }, org, 200)

  const marks = { j1: [], j2: [], j3: [] }
  entries.forEach((e, i) => {
    marks.j1.push([e.id, theory.aspects[0].id, THEORY[i]], [e.id, m.id, 36])
    for (const k of ['j1', 'j2', 'j3']) marks[k].push([e.id, look.id, 3], [e.id, safety.id, 3])
  })
  for (const [k, list] of Object.entries(marks)) {
    const body = { marks: list.map(([entry_id, aspect_id, value], i) => ({ client_id: `s${k}-${RUN}-${i}`, entry_id, aspect_id, value })) }
    await call('POST', '/marks', body, users[k].token, 201)
  }
  const s = (await call('GET', `/events/${prelim.id}/standings`, undefined, org, 200)).body
  assert.deepEqual(s.items.map((r) => r.rank), [1, 2, 3, 4, 4, 6, 7, 8, 9, 10])
  assert.ok(s.items.every((r) => r.complete && !r.flagged))

  // The next stage, at both venues, added while the competition runs.
  final = (await call('POST', `/competitions/${comp.id}/events`, {
    name: '焊工决赛', work_type_id: welding.id, total_mode: 'raw_sum', tie_breaks: ['practical_higher'], venue_ids: [venueA.id, venueB.id]
  }, org, 201)).body
}, { timeout: 180000 })

after(async () => {
  if (env) await env.stop()
})

/** The preview's status texts of the advancing rows, and the summary line. */
async function previewState(p) {
  const statuses = await p.locator(`${sel('advance-preview')} ${sel('advance-status')}`).allInnerTexts()
  return {
    advancing: statuses.filter((s) => /^(晋级|并列晋级)$/.test(s.trim())).length,
    tied: statuses.filter((s) => s.trim() === '并列晋级').length,
    summary: (await p.locator(sel('advance-summary')).innerText()).trim()
  }
}
async function setTopN(p, n) {
  const input = p.locator(`${sel('advance-n')} input`)
  await input.fill(String(n))
  await input.press('Enter')
  await input.blur()
}

test('the organiser previews the advancement, is refused before the lock, then advances the top 2 into the final', { timeout: 120000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'stages-advance', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${prelim.id}?tab=advance`)
      await p.locator(sel('advance-tab')).waitFor()
      await p.locator(sel('advance-not-locked')).waitFor()
      // The only other welding event is chosen already.
      await p.waitForFunction(() => /焊工决赛/.test(document.querySelector('[data-test="advance-target"]').textContent))
      await p.waitForFunction((s) => document.querySelectorAll(s).length === 10, rowsOf('advance-preview'))

      // Top 4 overall: the tie at rank 4 takes five through.
      await setTopN(p, 4)
      await p.waitForFunction(() => /预计晋级 5 人/.test(document.querySelector('[data-test="advance-summary"]').textContent))
      let st = await previewState(p)
      assert.equal(st.advancing, 5)
      assert.equal(st.tied, 2)

      // Each venue's top 2: two groups of five, four advance.
      await p.locator(sel('advance-scope-venue')).click()
      await setTopN(p, 2)
      await p.waitForFunction(() => document.querySelectorAll('[data-test="advance-group"]').length === 2)
      await p.waitForFunction(() => /预计晋级 4 人/.test(document.querySelector('[data-test="advance-summary"]').textContent))
      const groups = await p.locator(sel('advance-group')).allInnerTexts()
      assert.match(groups[0], /鹿城赛区/)
      assert.match(groups[1], /瓯海赛区/)
      assert.equal((await previewState(p)).advancing, 4)
      await shot(p, '50-advance-preview-venues')

      // Top 50%: five of ten ranked, and the tie at the fifth place brings no one else.
      await p.locator(sel('advance-scope-overall')).click()
      await p.locator(sel('advance-mode-percent')).click()
      await p.waitForFunction(() => /预计晋级 5 人/.test(document.querySelector('[data-test="advance-summary"]').textContent))

      // The overall top 2.
      await p.locator(sel('advance-mode-count')).click()
      await setTopN(p, 2)
      await p.waitForFunction(() => /预计晋级 2 人.*将新登记 2 人/.test(document.querySelector('[data-test="advance-summary"]').textContent))
      const standings = (await call('GET', `/events/${prelim.id}/standings`, undefined, users.organiser.token, 200)).body.items
      const top2 = standings.slice(0, 2).map((r) => r.entry)
      const rows = p.locator(rowsOf('advance-preview'))
      for (let i = 0; i < 2; i++) {
        assert.match(await rows.nth(i).innerText(), new RegExp(`${top2[i].worker_name}[\\s\\S]*晋级`))
      }
      assert.match(await rows.nth(2).innerText(), /未晋级/)
      await shot(p, '51-advance-preview-top2')

      // Not locked yet: the server refuses and its message is shown.
      await p.locator(sel('advance-submit')).click()
      await confirmBox(p)
      const err = p.locator(sel('advance-error'))
      await err.waitFor()
      assert.match(await err.innerText(), /本阶段尚未锁定/)
      assert.match(await err.innerText(), /not_locked/)
      assert.doesNotMatch(await err.locator(sel('advance-error-message')).innerText(), /lock this stage/, 'only the Chinese half in zh-CN')
      await shot(p, '52-advance-not-locked')
      assert.equal((await call('GET', `/events/${final.id}/entries`, undefined, users.organiser.token, 200)).body.items.length, 0)

      // The chief judge locks the preliminary; coming back to the tab reloads it.
      await call('POST', `/events/${prelim.id}/lock`, undefined, users.chief.token, 200)
      await p.locator(sel('tab-standings')).click()
      await p.locator(sel('standings-locked')).waitFor()
      await p.locator(sel('tab-advance')).click()
      await p.locator(sel('advance-not-locked')).waitFor({ state: 'detached' })

      await p.locator(sel('advance-submit')).click()
      await confirmBox(p)
      const result = p.locator(sel('advance-result'))
      await result.waitFor()
      assert.match(await result.locator(sel('advance-result-title')).innerText(), /已将 2 名选手登记到“焊工决赛”/)
      assert.equal(await p.locator(sel('advance-differs')).count(), 0, 'the server registered what the preview showed')
      assert.equal(await p.locator(sel('advance-error')).count(), 0)
      const registered = await p.locator(rowsOf('advance-registered')).allInnerTexts()
      assert.equal(registered.length, 2)
      const finalEntries = (await call('GET', `/events/${final.id}/entries`, undefined, users.organiser.token, 200)).body.items
      assert.deepEqual(finalEntries.map((e) => e.worker_id).sort(), top2.map((e) => e.worker_id).sort())
      for (const e of finalEntries) {
        assert.ok(registered.some((r) => r.includes(e.worker_name) && r.includes(e.bib)), `${e.worker_name} listed`)
        // Each keeps its venue (the final runs at both).
        assert.equal(e.venue_id, top2.find((t) => t.worker_id === e.worker_id).venue_id)
      }
      // The competition runs, but nobody in the final is marked yet: its workstations can be drawn now,
      // while the preliminary (marked) is too late for a draw.
      const drawn = (await call('POST', `/events/${final.id}/draw`, { seed: 'e2e-final' }, users.organiser.token, 200)).body
      assert.ok(drawn.items.length === 2 && drawn.items.every((e) => e.workstation), JSON.stringify(drawn))
      assert.equal((await call('POST', `/events/${prelim.id}/draw`, {}, users.organiser.token, 409)).body.error.code, 'too_late')
      // Now the preview knows them as already in the final.
      await p.waitForFunction(() => /其中 2 人已在下一阶段；将新登记 0 人/.test(document.querySelector('[data-test="advance-summary"]').textContent))
      await shot(p, '53-advance-done')

      // The final's entrants tab lists them.
      await p.locator(sel('advance-open-target')).click()
      await p.waitForURL(new RegExp(`/events/${final.id}\\?tab=entries`))
      await p.waitForFunction((s) => document.querySelectorAll(s).length === 2, rowsOf('entries-table'))
      const finalRows = await p.locator(rowsOf('entries-table')).allInnerTexts()
      for (const e of top2) assert.ok(finalRows.some((r) => r.includes(e.worker_name)), `${e.worker_name} in the final`)
      await shot(p, '54-final-entries')
    })
  } finally {
    await p.context().close()
  }
})

test('打印参赛证 opens the A4 print page: ten cards on two sheets, every QR code loaded', { timeout: 90000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'stages-cards', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${prelim.id}?tab=entries`)
      await p.waitForFunction((s) => document.querySelectorAll(s).length === 10, rowsOf('entries-table'))
      const [cards] = await Promise.all([p.context().waitForEvent('page'), p.locator(sel('entries-print-cards')).click()])
      await withShotOnFailure(cards, 'stages-cards-page', async () => {
        await cards.waitForURL(new RegExp(`/events/${prelim.id}/cards$`))
        await cards.locator(sel('cards-page')).waitFor()
        await cards.waitForFunction(() => document.querySelectorAll('[data-test="entry-card"]').length === 10)
        assert.equal(await cards.locator(sel('cards-sheet')).count(), 2)
        assert.equal(await cards.locator(`${sel('cards-sheet')} >> nth=0 >> ${sel('entry-card')}`).count(), 8)
        // Every QR image arrives (the session cookie goes with the <img>) and has pixels.
        await cards.waitForFunction(() =>
          [...document.querySelectorAll('[data-test="entry-card-qr"]')].every((img) => img.complete && img.naturalWidth > 0)
        )
        const widths = await cards.locator(sel('entry-card-qr')).evaluateAll((imgs) => imgs.map((i) => i.naturalWidth))
        assert.equal(widths.length, 10)
        assert.ok(widths.every((w) => w > 0), `naturalWidth ${widths}`)
        const srcs = await cards.locator(sel('entry-card-qr')).evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')))
        assert.deepEqual(srcs, entries.map((e) => `/api/v1/events/${prelim.id}/entries/${e.id}/qr.svg`))
        await cards.waitForFunction(() => /二维码已加载 10\/10/.test(document.querySelector('[data-test="cards-qr-status"]').textContent))
        assert.equal(await cards.locator(sel('cards-print')).isDisabled(), false)

        const first = cards.locator(sel('entry-card')).first()
        const text = await first.innerText()
        assert.match(text, /2026年温州市焊工技能大赛/)
        assert.match(text, /焊工初赛/)
        assert.match(text, new RegExp(entries[0].worker_name))
        assert.match(text, new RegExp(entries[0].entry_code))
        assert.equal((await first.locator(sel('entry-card-bib')).innerText()).trim(), entries[0].bib)
        assert.equal((await first.locator(sel('entry-card-workstation')).innerText()).replace(/\s+/g, ''), `工位${entries[0].workstation}`)
        assert.match(text, /鹿城赛区/)
        await cards.setViewportSize({ width: 1000, height: 1200 })
        await shot(cards, '55-entry-cards')

        // Printed: the toolbar goes, the sheets fill two A4 pages.
        await cards.emulateMedia({ media: 'print' })
        assert.equal(await cards.locator(sel('cards-toolbar')).isVisible(), false)
        await shot(cards, '56-entry-cards-print')
        const pdf = await cards.pdf({ preferCSSPageSize: true, printBackground: true })
        writeFileSync(join(ARTIFACTS, 'entry-cards.pdf'), pdf)
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length
        assert.equal(pages, 2, 'ten cards print on two A4 pages')

        // One venue's cards only.
        await cards.emulateMedia({ media: 'screen' })
        await cards.goto(`${env.baseUrl}/events/${prelim.id}/cards?venue=${venueB.id}`)
        await cards.waitForFunction(() => document.querySelectorAll('[data-test="entry-card"]').length === 5)
        assert.equal(await cards.locator(sel('cards-sheet')).count(), 1)
        assert.ok((await cards.locator(sel('entry-card')).allInnerTexts()).every((t) => t.includes('瓯海赛区')))
      })
    })
  } finally {
    await p.context().close()
  }
})

test('the chief judge sees neither the next-stage tab nor the print button', { timeout: 60000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'stages-chief', async () => {
      await login(p, env.baseUrl, users.chief.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${prelim.id}?tab=entries`)
      await p.waitForFunction((s) => document.querySelectorAll(s).length === 10, rowsOf('entries-table'))
      assert.equal(await p.locator(sel('tab-advance')).count(), 0)
      assert.equal(await p.locator(sel('entries-print-cards')).count(), 0)
      // The print page is the organiser's: the chief judge lands elsewhere.
      await p.goto(`${env.baseUrl}/events/${prelim.id}/cards`)
      await p.locator(sel('side-menu')).waitFor()
      assert.equal(await p.locator(sel('cards-page')).count(), 0)
    })
  } finally {
    await p.context().close()
  }
})
