// 我的能力画像 in the browser, on the small demo whose worker has sat six electricians' tests with a
// clear profile: on a 390×844 phone the worker opens the portrait from the menu and sees the overall
// score with its band and ranks, the radar, every dimension with a score and band or 暂无证据 (never 0),
// the weaknesses marked, and the evidence behind a dimension when tapped; the page fits the phone. The
// administrator finds the same portrait on the worker's detail page, with the career timeline.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv, ADMIN } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, withShotOnFailure, assertFitsPhone, pickOption } from '../lib/ui.mjs'

let env
before(async () => { env = await startEnv('portrait') })
after(async () => { await env?.stop() })

test('the worker reads their capability portrait on a phone, and the evidence behind a dimension', { timeout: 120000 }, async () => {
  const phone = await newPhonePage(env)
  try {
    await withShotOnFailure(phone, 'portrait-phone', async () => {
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(env.demoAccounts.worker.username)
      await phone.locator(sel('login-password')).fill(env.demoAccounts.worker.password)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('my-record-page')).waitFor()
      await phone.locator(sel('menu-toggle')).click()
      await phone.locator(`.nav-drawer ${sel('menu-my-portrait')}`).click()
      await phone.locator(sel('my-portrait-page')).waitFor()
      await phone.locator(sel('portrait-overall')).waitFor()

      const api = await phone.evaluate(async () => (await fetch('/api/v1/me/portrait')).json())
      assert.equal(api.work_type_name, '电工')
      assert.equal(await phone.locator(sel('portrait-overall-score')).innerText(), String(Math.round(api.overall.score)))
      assert.match(await phone.locator(sel('portrait-overall')).innerText(), /95% 区间 \d+–\d+/)
      assert.match(await phone.locator(sel('portrait-rank-all')).innerText(), /第 \d+ \/ \d+ 名/)
      assert.ok(await phone.locator(`${sel('portrait-radar')} canvas`).count() > 0, 'the radar is drawn')
      assert.ok(await phone.locator(`${sel('portrait-trend')} canvas`).count() > 0, 'the trend over the months is drawn')

      // Every dimension: its score as the API says, or 暂无证据 — never a 0 for want of evidence.
      for (const d of api.dimensions) {
        const card = phone.locator(sel('portrait-dimension-' + d.id))
        if (d.score) assert.equal(await card.getAttribute('data-score'), String(Math.round(d.score.score)), d.name)
        else assert.equal(await card.locator(sel('portrait-no-evidence')).count(), 1, d.name)
        assert.equal(await card.locator(sel('portrait-weakness')).count(), d.weakness ? 1 : 0, d.name)
        assert.equal(await card.locator(sel('portrait-strength')).count(), d.strength ? 1 : 0, d.name)
      }
      assert.ok(api.dimensions.some((d) => d.weakness || d.strength), 'the demo profile separates some dimension from the rest')
      // Readiness for the next level: one row per bar, with the API's status.
      const rows = phone.locator(sel('portrait-readiness-item'))
      assert.equal(await rows.count(), api.readiness.items.length)
      for (let i = 0; i < api.readiness.items.length; ++i) assert.equal(await rows.nth(i).getAttribute('data-status'), api.readiness.items[i].status)
      assert.match(await phone.locator(sel('my-portrait-page')).innerText(), /晋级准备度/)
      await assertFitsPhone(phone, '我的能力画像 on a phone')
      await shot(phone, '90-portrait-phone')

      // Tapping a dimension lists its evidence only: as many items as the score counts.
      const weak = api.dimensions.find((d) => d.weakness) ?? api.dimensions.find((d) => d.score)
      await phone.locator(sel('portrait-dimension-' + weak.id)).click()
      await phone.locator(sel('portrait-evidence-title'), { hasText: weak.name }).waitFor()
      await phone.waitForFunction((n) => document.querySelectorAll('[data-test="portrait-evidence-item"]').length === n, weak.score.evidence)
      const first = await phone.locator(sel('portrait-evidence-item')).first().innerText()
      assert.match(first, /考试答题|竞赛评分/)
      assert.match(first, /得分率 \d+%/)
      await phone.locator(sel('portrait-evidence-item')).first().scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, 'the evidence list on a phone')
      await shot(phone, '91-portrait-evidence-phone')
      // 我的档案 with the career timeline below it also fits the phone once the timeline has loaded.
      await phone.locator(sel('menu-toggle')).click()
      await phone.locator(`.nav-drawer ${sel('menu-my-record')}`).click()
      await phone.locator(`${sel('career-timeline')} ${sel('timeline-item')}`).first().waitFor()
      await phone.locator(sel('career-timeline')).scrollIntoViewIfNeeded()
      await assertFitsPhone(phone, '我的档案 with the career timeline on a phone')
      await shot(phone, '91b-timeline-phone')
      assert.deepEqual(phone.consoleErrors, [])
    })
  } finally {
    await phone.context().close()
  }
})

test('the administrator sees the same portrait on the worker\'s page', { timeout: 60000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'portrait-worker-page', async () => {
      const token = (await env.api('POST', '/auth/login', env.demoAccounts.worker)).body.token
      const workerId = (await env.api('GET', '/me', undefined, token)).body.user.worker_id
      await login(page, env.baseUrl, ADMIN.username, ADMIN.password)
      await page.goto(`${env.baseUrl}/workers/${workerId}`)
      await page.locator(sel('portrait-overall')).waitFor()
      const api = await page.evaluate(async (id) => (await fetch(`/api/v1/workers/${id}/portrait`)).json(), workerId)
      assert.equal(await page.locator(sel('portrait-overall-score')).innerText(), String(Math.round(api.overall.score)))
      await page.locator(sel('portrait')).scrollIntoViewIfNeeded()
      await shot(page, '92-portrait-worker-page')
      // The career timeline below: the demo worker's six tests, newest first, as the API lists them.
      const timeline = (await env.api('GET', `/workers/${workerId}/timeline`, undefined, env.adminToken)).body.items
      await page.locator(`${sel('career-timeline')} ${sel('timeline-item')}`).first().waitFor()
      assert.equal(await page.locator(`${sel('career-timeline')} ${sel('timeline-item')}`).count(), timeline.length)
      assert.ok(await page.locator(`${sel('timeline-item')}[data-kind="exam"]`).count() >= 6)
      assert.match(await page.locator(sel('timeline-item')).first().innerText(), new RegExp(timeline[0].title.replace(/[()（）]/g, '.')))
    })
  } finally {
    await page.context().close()
  }
})

test('the organiser sets a level\'s bars on the work types page and the API holds them', { timeout: 60000 }, async () => {
  const page = await newPage(env)
  try {
    await withShotOnFailure(page, 'level-bars', async () => {
      await login(page, env.baseUrl, env.demoAccounts.organiser.username, env.demoAccounts.organiser.password)
      await page.goto(env.baseUrl + '/work-types')
      const row = page.locator(`${sel('work-types-table')} .el-table__row`, { hasText: '电工' }).first()
      await row.locator(sel('work-type-level-bars')).click()
      const dialog = page.locator(sel('level-bars-dialog'))
      await dialog.waitFor()
      await pickOption(page, 'level-bars-level', '技师')
      // The demo's bar for 技师 is shown, then changed.
      const overall = dialog.locator(`${sel('level-bar-overall')} input`)
      await page.waitForFunction(() => document.querySelector('[data-test="level-bar-overall"] input')?.value === '65')
      await overall.fill('66')
      await overall.blur()
      await dialog.locator(sel('level-bars-save')).click()
      await page.locator('.el-message--success').waitFor()
      await shot(page, '93-level-bars')
      const electrician = (await env.api('GET', '/work-types', undefined, env.adminToken)).body.items.find((w) => w.name === '电工')
      const bars = (await env.api('GET', `/work-types/${electrician.id}/level-bars`, undefined, env.adminToken)).body.items
      const technician = bars.find((b) => b.skill_level === 'technician')
      assert.equal(technician.bars.find((b) => b.dimension_id === null).bar, 66)
      assert.equal(technician.bars.length, 1 + electrician.dimensions.length, 'the dimensions\' bars are kept')
    })
  } finally {
    await page.context().close()
  }
})
