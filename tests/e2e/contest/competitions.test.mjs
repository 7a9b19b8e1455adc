// A competition in the browser. Set-up goes through the API (as tests/api/competitions.test.mjs):
// an organiser, three judges (one from an entrant's own enterprise: that entrant is locked for them), a
// competition with venues, a welding event with a scheme, three entrants, and panel marks. Then:
// (a) the organiser opens the competition and the event's standings; (c) the scheme editor shows the
// server's validation problem for aspect maxima that do not add up; (b) a judge on a phone marks an
// entrant, loses the connection while marking another, and sees the pending count drain on return.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, withShotOnFailure } from '../lib/ui.mjs'
import { setUpCompetition, PASSWORD } from '../lib/competition.mjs'

// Element Plus puts data-test on the <input> of el-input but on the wrapper of el-input-number.
const field = (p, name) => p.locator(`input${sel(name)}, ${sel(name)} input`).first()
let env
let page
let call, users, comp, event, event2, entries, theory, practical

before(async () => {
  env = await startEnv('competitions')
  ;({ call, users, comp, event, event2, entries, theory, practical } = await setUpCompetition(env, {
    venueAddress: '鹿城区技师学院实训楼',
    secondEvent: true,
    // The phone judge j1 works at the third entrant's enterprise: that entrant is locked for them.
    conflictJudge: true,
    // Panel marks from j2 and j3. Entry 1's theory score is left for the phone judge.
    plan: ({ m, look, safety, foul, th, e0, e1, e2 }) => ({
      j2: [[e0, m.id, 36], [e0, look.id, 3], [e0, safety.id, 3], [e0, foul.id, 0], [e0, th, 82],
           [e1, m.id, 38], [e1, look.id, 2], [e1, safety.id, 2], [e1, foul.id, 0],
           [e2, m.id, 30], [e2, look.id, 1], [e2, safety.id, 2], [e2, foul.id, 1], [e2, th, 70]],
      j3: [[e0, look.id, 3], [e0, safety.id, 2], [e1, look.id, 2], [e1, safety.id, 3], [e2, look.id, 3], [e2, safety.id, 2]]
    })
  }))
  page = await newPage(env)
}, { timeout: 180000 })

after(async () => {
  if (page) await page.context().close().catch(() => {})
  if (env) await env.stop()
})

test('(a) the organiser opens the competition and sees the ranked standings', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'competition-standings', async () => {
    await login(page, env.baseUrl, users.organiser.username, PASSWORD)
    await page.locator(sel('menu-competitions')).click()
    await page.locator(sel('competitions-page')).waitFor()
    const row = page.locator(`${sel('competitions-table')} .el-table__row`, { hasText: comp.name })
    await row.waitFor()
    assert.match(await row.innerText(), /比赛进行中/)
    await shot(page, '20-competitions-list')
    await row.locator(sel('competition-link')).click()
    await page.locator(sel('competition-detail')).waitFor()
    await page.locator(`${sel('events-table')} .el-table__row`, { hasText: '焊工' }).waitFor()
    assert.match(await page.locator(sel('venues-list')).innerText(), /鹿城赛区/)
    assert.match(await page.locator(sel('competition-steps')).innerText(), /比赛进行中/)
    await shot(page, '21-competition-detail')

    await page.locator(`${sel('events-table')} .el-table__row`, { hasText: '焊工' }).locator(sel('event-link')).click()
    await page.locator(sel('event-page')).waitFor()
    // The scheme is frozen now that marks exist.
    await page.locator(sel('scheme-frozen')).waitFor()
    await page.locator(sel('tab-standings')).click()
    const rows = page.locator(`${sel('standings-table')} .el-table__body .el-table__row`)
    await page.waitForFunction((s) => document.querySelectorAll(s).length === 3, `[data-test="standings-table"] .el-table__body .el-table__row`)
    const api = (await call('GET', `/events/${event.id}/standings`, undefined, users.organiser.token, 200)).body
    for (let i = 0; i < 3; i++) {
      const text = await rows.nth(i).innerText()
      assert.match(text, new RegExp(api.items[i].entry.worker_name), `row ${i + 1} is ${api.items[i].entry.worker_name}`)
      assert.equal((await rows.nth(i).locator(sel('standings-rank')).innerText()).trim(), String(api.items[i].rank))
    }
    assert.match(await rows.last().innerText(), /评分未完成|待裁判长复核|评分完成/)
    await page.locator(`${sel('standings-chart')} canvas`).waitFor()
    await page.waitForTimeout(600)
    await shot(page, '22-standings')
  })
})

test('(c) the scheme editor shows the server\'s problem when aspect maxima do not add up', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'scheme-editor', async () => {
    await page.goto(`${env.baseUrl}/events/${event2.id}?tab=scheme`)
    await page.locator(sel('scheme-editor')).waitFor()
    await page.locator(sel('scheme-add-theory')).click()
    await page.locator(sel('scheme-add-practical')).click()
    await field(page, 'sc-name-1').fill('实操：配电柜接线')
    await field(page, 'sc-crit-1-0').fill('接线工艺')
    await field(page, 'sc-aname-1-0').fill('接线正确率')
    await field(page, 'sc-amax-1-0').fill('40')
    await page.locator(sel('sc-add-aspect-1')).click()
    await field(page, 'sc-aname-1-1').fill('布线美观')
    await field(page, 'sc-amax-1-1').fill('45')
    await field(page, 'sc-aname-1-1').click() // blur the number input
    assert.match(await page.locator(sel('sc-sum-1')).innerText(), /85/)
    await page.locator(sel('scheme-save')).click()
    const problems = page.locator(sel('scheme-problems'))
    await problems.waitFor()
    const text = await problems.innerText()
    assert.match(text, /细项分值之和\(85\.00\)应等于满分\(100\.00\)/)
    assert.match(text, /实操：配电柜接线/, 'the problem names the component')
    assert.doesNotMatch(text, /aspect maxima must add up/, 'only the Chinese half in zh-CN')
    await shot(page, '23-scheme-editor-invalid')

    // 40 + 60 = 100: accepted.
    await field(page, 'sc-amax-1-1').fill('60')
    await field(page, 'sc-aname-1-1').click()
    await page.locator(sel('scheme-save')).click()
    await problems.waitFor({ state: 'detached' })
    await page.locator('.el-message--success').first().waitFor()
    const saved = (await call('GET', `/events/${event2.id}`, undefined, users.organiser.token, 200)).body
    assert.equal(saved.components.length, 2)
    assert.deepEqual(saved.components[1].aspects.map((a) => a.max_mark), [40, 60])
    await shot(page, '24-scheme-editor-saved')
  })
})

test('(b) a judge on a phone marks, keeps marking offline, and the queue drains when back online', { timeout: 120000 }, async () => {
  const phone = await newPhonePage(env)
  const context = phone.context()
  try {
    await withShotOnFailure(phone, 'judge-phone', async () => {
      // A judge-only account lands on the scoring page.
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(users.j1.username)
      await phone.locator(sel('login-password')).fill(PASSWORD)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('judging-page')).waitFor()
      const [e0, e1, e2] = entries
      await phone.locator(sel('judge-entry-' + e0.entry_code)).waitFor()
      // The entrant from the judge's own enterprise is shown, locked.
      assert.ok(await phone.locator(sel('judge-entry-' + e2.entry_code)).isDisabled(), 'conflict entrant is locked')
      assert.match(await phone.locator(sel('judge-entry-' + e2.entry_code)).innerText(), /回避/)
      assert.match(await phone.locator(sel('judge-pending')).innerText(), /待上传 0 条/)
      await shot(phone, '25-judge-phone-list')

      // Every aspect of the first entrant.
      await phone.locator(sel('judge-entry-' + e0.entry_code)).click()
      const view = phone.locator(sel('judge-entry-view-' + e0.entry_code))
      await view.waitFor()
      const aspects = view.locator('[data-kind]')
      const n = await aspects.count()
      assert.equal(n, 5)
      // Typed values are checked before anything is queued: 30.3 is off the 0.5 step.
      const measure = view.locator(`${sel('aspect-' + practical.aspects[0].id)} input`)
      await measure.fill('30.3')
      await view.locator(sel('aspect-error')).waitFor()
      assert.match(await view.locator(sel('aspect-error')).innerText(), /0\.5/)
      for (let i = 0; i < n; i++) {
        const a = aspects.nth(i)
        const kind = await a.getAttribute('data-kind')
        if (kind === 'judgement') await a.locator(sel('judge-2')).click()
        else if (kind === 'deduction') await a.locator(sel('aspect-no-deduction')).click()
        else {
          const input = a.locator('input')
          const isTheory = (await a.getAttribute('data-test')) === 'aspect-' + theory.aspects[0].id
          await input.fill(isTheory ? '86' : '35.5')
          await input.press('Enter')
        }
      }
      assert.equal(await view.locator(sel('aspect-error')).count(), 0)
      await phone.waitForFunction(() => /5\/5/.test(document.querySelector('[data-test="judge-entry-count"]').textContent))
      await phone.waitForFunction(() => /待上传 0 条/.test(document.querySelector('[data-test="judge-pending"]').textContent))
      await shot(phone, '26-judge-phone-entry')

      // The next entrant: the connection drops while the theory score is entered.
      await phone.locator(sel('judge-next')).click()
      const view2 = phone.locator(sel('judge-entry-view-' + e1.entry_code))
      await view2.waitFor()
      await context.setOffline(true)
      const th = view2.locator(`${sel('aspect-' + theory.aspects[0].id)} input`)
      await th.fill('77.5')
      await th.press('Enter')
      await phone.waitForFunction(() => /待上传 1 条/.test(document.querySelector('[data-test="judge-pending"]').textContent))
      assert.match(await phone.locator(sel('judge-connection')).innerText(), /离线/)
      await view2.locator(sel('aspect-pending')).waitFor()
      const stored = await phone.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('skb.judging.queue.')).map((k) => JSON.parse(localStorage.getItem(k)).pending.length)
      )
      assert.deepEqual(stored, [1], 'the pending mark is kept in localStorage')
      await shot(phone, '27-judge-phone-offline')

      await context.setOffline(false)
      await phone.waitForFunction(
        () => /待上传 0 条/.test(document.querySelector('[data-test="judge-pending"]').textContent),
        undefined,
        { timeout: 20000 }
      )
      assert.match(await phone.locator(sel('judge-connection')).innerText(), /在线/)
      await shot(phone, '28-judge-phone-synced')

      const s = (await call('GET', `/events/${event.id}/standings`, undefined, users.organiser.token, 200)).body
      const row = s.items.find((r) => r.entry.id === e1.id)
      const mark = row.aspects.find((a) => a.aspect_id === theory.aspects[0].id)
      assert.equal(mark.score, 77.5, 'the mark sent after the reconnect is in the standings')
      assert.equal(mark.complete, true)
      const first = s.items.find((r) => r.entry.id === e0.id)
      assert.equal(first.components.find((c) => c.component_id === theory.id).score > 0, true)
      assert.deepEqual(phone.consoleErrors.filter((e) => !/net::|Failed to fetch|ERR_INTERNET/.test(e)), [])
    })
  } finally {
    await context.close()
  }
})

test('the chief judge reads the judge report', { timeout: 60000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'judge-report', async () => {
      await login(p, env.baseUrl, users.chief.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=report`)
      const rows = p.locator(`${sel('report-table')} > .el-table__inner-wrapper > .el-table__body-wrapper .el-table__row`)
      await p.locator(sel('report-table')).locator('.el-table__row').first().waitFor()
      assert.ok((await rows.count()) >= 2)
      assert.match(await p.locator(sel('report-table')).innerText(), /王裁判|李裁判|陈裁判/)
      await p.waitForTimeout(600)
      await shot(p, '29-judge-report')
    })
  } finally {
    await p.context().close()
  }
})
