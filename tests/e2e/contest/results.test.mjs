// Results in the browser: sign-off, awards, publication, promotions and certificates. Set-up goes
// through the API (as tests/api/competitions.test.mjs): an organiser, three judges and a chief judge,
// a competition with one welding event, three entrants and complete panel marks where the judges
// disagree on one aspect of the third entrant (flagged). Then in the UI: the chief judge is refused the
// lock, resolves the flag and locks; the organiser sets the award tiers (the server's validation
// message first), sees the awards in the standings, exports them, publishes, confirms the promotion and
// finds three certificates; scoring devices are registered (secret shown once) and revoked.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEnv, ARTIFACTS } from '../lib/env.mjs'
import { newPage, login, sel, shot, withShotOnFailure, pickOption } from '../lib/ui.mjs'
import { setUpCompetition, PASSWORD } from '../lib/competition.mjs'

let env
let call, users, comp, event, flaggedRow
const rowsOf = (table) => `${sel(table)} .el-table__body .el-table__row`
// The primary button of the open ElMessageBox.
const confirmBox = (p) => p.locator('.el-message-box__btns .el-button--primary').click()

before(async () => {
  env = await startEnv('results')
  ;({ call, users, comp, event } = await setUpCompetition(env, {
    userPrefix: 'e2e.r',
    // The plan of tests/api: totals 176, 176 (tie broken by practical) and a third entrant whose
    // 焊缝成形美观 marks (1, 1, 3) disagree by 2: flagged for the chief judge.
    plan: ({ m, look, safety, th, e0, e1, e2 }) => ({
      j1: [[e0, m.id, 36], [e0, look.id, 3], [e0, safety.id, 3], [e0, th, 80],
           [e1, m.id, 38], [e1, look.id, 2], [e1, safety.id, 3], [e1, th, 88],
           [e2, m.id, 30], [e2, look.id, 1], [e2, safety.id, 2], [e2, th, 70]],
      j2: [[e0, look.id, 3], [e0, safety.id, 3], [e1, look.id, 2], [e1, safety.id, 3], [e2, look.id, 1], [e2, safety.id, 2]],
      j3: [[e0, look.id, 3], [e0, safety.id, 3], [e1, look.id, 2], [e1, safety.id, 3], [e2, look.id, 3], [e2, safety.id, 2]]
    })
  }))
  const s = (await call('GET', `/events/${event.id}/standings`, undefined, users.organiser.token, 200)).body
  flaggedRow = s.items.find((r) => r.flagged)
  assert.ok(flaggedRow, 'one entrant is flagged')
  assert.ok(s.items.every((r) => r.complete), 'every entrant is fully marked')
  // The winner starts at 初级工 so that the first prize proposes a step up to 技师.
  await call('POST', `/workers/${s.items[0].entry.worker_id}/levels`, {
    skill_level: 'junior', effective_date: new Date().toISOString().slice(0, 10), note: 'e2e'
  }, env.adminToken, 200)
}, { timeout: 180000 })

after(async () => {
  if (env) await env.stop()
})

test('the chief judge is refused the lock, resolves the flagged aspect and locks the event', { timeout: 90000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'results-chief', async () => {
      await login(p, env.baseUrl, users.chief.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=standings`)
      await p.waitForFunction((s) => document.querySelectorAll(s).length === 3, rowsOf('standings-table'))
      const flagged = p.locator(rowsOf('standings-table'), { hasText: flaggedRow.entry.worker_name })
      assert.match(await flagged.locator(sel('standings-flagged-aspects')).innerText(), /焊缝成形美观/)
      // The award column appears only once tiers exist.
      assert.equal(await p.locator(sel('standings-award')).count(), 0)

      // Refused while the flag is open: the server's not_ready message is shown.
      await p.locator(sel('standings-lock')).click()
      await confirmBox(p)
      const refusal = p.locator(sel('standings-lock-error'))
      await refusal.waitFor()
      assert.match(await refusal.innerText(), /1 名选手的评分待裁判长处理/)
      assert.doesNotMatch(await refusal.innerText(), /unresolved flags/, 'only the Chinese half in zh-CN')
      await shot(p, '30-standings-lock-refused')

      await flagged.locator(sel('standings-resolve')).click()
      const dialog = p.locator(sel('resolve-dialog'))
      await dialog.locator(sel('resolve-aspects')).waitFor()
      assert.match(await dialog.innerText(), /焊缝成形美观/)
      assert.match(await dialog.innerText(), /实操：板对接焊 · 外观/)
      // A note is required.
      await dialog.locator(sel('resolve-save')).click()
      assert.match(await dialog.locator(sel('resolve-error')).innerText(), /处理说明/)
      await dialog.locator(sel('resolve-note')).fill('复核现场录像，维持原评分')
      await shot(p, '31-resolve-dialog')
      await dialog.locator(sel('resolve-save')).click()
      await dialog.locator(sel('resolve-aspects')).waitFor({ state: 'hidden' })
      await p.waitForFunction(() => !document.querySelector('[data-test="standings-flagged"]'))

      await p.locator(sel('standings-lock')).click()
      await confirmBox(p)
      await p.locator(sel('standings-locked')).waitFor()
      assert.equal(await p.locator(sel('standings-lock')).count(), 0)
      assert.equal(await p.locator(sel('standings-lock-error')).count(), 0)
      const s = (await call('GET', `/events/${event.id}/standings`, undefined, users.organiser.token, 200)).body
      assert.equal(s.locked, true)
      assert.ok(s.items.every((r) => !r.flagged))
      // The chief judge does not manage awards.
      assert.equal(await p.locator(sel('tab-awards')).count(), 0)
    })
  } finally {
    await p.context().close()
  }
})

test('the organiser sets the award tiers, publishes, confirms the promotion and sees three certificates', { timeout: 150000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'results-organiser', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=awards`)
      await p.locator(sel('awards-tab')).waitFor()
      for (let i = 0; i < 3; i++) await p.locator(sel('awards-add')).click()
      await p.locator(sel('aw-name-0')).waitFor()
      assert.equal(await p.locator(sel('aw-name-0')).inputValue(), '一等奖')
      assert.equal(await p.locator(sel('aw-name-2')).inputValue(), '三等奖')
      assert.match(await p.locator(sel('aw-promote-1')).innerText(), /不晋级/)
      await p.locator(sel('aw-honour-0')).fill('温州市技术能手')
      await pickOption(p, 'aw-promote-0', '技师')
      // Two tiers with the same name: the server's message is shown.
      await p.locator(sel('aw-name-1')).fill('一等奖')
      await p.locator(sel('awards-save')).click()
      const err = p.locator(sel('awards-error'))
      await err.waitFor()
      assert.match(await err.innerText(), /奖项名称重复：一等奖/)
      await p.locator(sel('aw-name-1')).fill('二等奖')
      await p.locator(sel('awards-save')).click()
      await err.waitFor({ state: 'detached' })
      await p.locator('.el-message--success').first().waitFor()
      const saved = (await call('GET', `/events/${event.id}/awards`, undefined, users.organiser.token, 200)).body.tiers
      assert.deepEqual(saved.map((t) => [t.name, t.count, t.promote_to]), [['一等奖', 1, 'technician'], ['二等奖', 1, null], ['三等奖', 1, null]])
      assert.equal(saved[0].honour, '温州市技术能手')
      await shot(p, '32-awards-tab')

      // The standings show the awards; the results download.
      await p.locator(sel('tab-standings')).click()
      await p.locator(sel('standings-award')).first().waitFor()
      const rows = p.locator(rowsOf('standings-table'))
      assert.match(await rows.nth(0).innerText(), /一等奖[\s\S]*温州市技术能手/)
      assert.match(await rows.nth(1).innerText(), /二等奖/)
      assert.match(await rows.nth(2).innerText(), /三等奖/)
      await p.locator(sel('standings-locked')).waitFor()
      assert.equal(await p.locator(sel('standings-resolve')).count(), 0)
      await p.locator(`${sel('standings-chart')} canvas`).waitFor()
      await p.waitForTimeout(600)
      await shot(p, '33-standings-awards')
      const [download] = await Promise.all([p.waitForEvent('download'), p.locator(sel('standings-export')).click()])
      assert.match(download.suggestedFilename(), /\.xlsx$/)
      const path = join(ARTIFACTS, 'results.xlsx')
      await download.saveAs(path)

      // Before publication the results tab says what will come.
      await p.locator(sel('tab-results')).click()
      await p.locator(sel('results-not-published')).waitFor()

      // Publication from the competition page: 评分已截止, then 成绩已发布.
      await p.goto(`${env.baseUrl}/competitions/${comp.id}`)
      await p.locator(sel('competition-detail')).waitFor()
      for (const status of ['评分已截止', '成绩已发布']) {
        const advance = p.locator(sel('competition-advance'))
        assert.match(await advance.innerText(), new RegExp(status))
        await advance.click()
        await confirmBox(p)
        await p.locator(sel('competition-name'), { hasText: status }).waitFor()
      }
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=awards`)
      await p.locator(sel('awards-readonly')).waitFor()
      assert.equal(await p.locator(sel('awards-save')).count(), 0)
      assert.match(await p.locator(sel('awards-table')).innerText(), /温州市技术能手[\s\S]*技师/)

      await p.locator(sel('tab-results')).click()
      await p.waitForFunction((s) => document.querySelectorAll(s).length === 3, rowsOf('certificates-table'))
      const certs = (await call('GET', `/events/${event.id}/certificates`, undefined, users.organiser.token, 200)).body.items
      assert.equal(certs.length, 3)
      const verify = p.locator(sel('certificate-verify')).first()
      assert.match(await verify.getAttribute('href'), /^\/verify\/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
      const page = await fetch(env.baseUrl + (await verify.getAttribute('href')))
      assert.match(await page.text(), /证书有效/)

      const promo = p.locator(rowsOf('promotions-table')).first()
      assert.match(await promo.innerText(), /一等奖[\s\S]*初级工[\s\S]*技师[\s\S]*待确认/)
      await promo.locator(sel('promotion-confirm')).click()
      await confirmBox(p)
      await p.waitForFunction(() => /已确认/.test(document.querySelector('[data-test="promotion-status"]').textContent))
      assert.equal(await promo.locator(sel('promotion-confirm')).count(), 0)
      const promotions = (await call('GET', `/events/${event.id}/promotions`, undefined, users.organiser.token, 200)).body.items
      assert.equal(promotions[0].status, 'confirmed')
      await shot(p, '34-certificates-tab')

      // 下载证书 opens the PDF in a new tab (the session cookie authenticates it).
      const [popup] = await Promise.all([p.context().waitForEvent('page'), p.locator(sel('certificate-pdf')).first().click()])
      const pdfUrl = popup.url()
      await popup.close().catch(() => {})
      assert.match(pdfUrl, /\/api\/v1\/certificates\/\d+\/pdf$/)
      const cookies = await p.context().cookies()
      const pdf = await fetch(pdfUrl, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } })
      assert.equal(pdf.status, 200)
      assert.equal(pdf.headers.get('content-type'), 'application/pdf')
      writeFileSync(join(ARTIFACTS, 'certificate-ui.pdf'), Buffer.from(await pdf.arrayBuffer()))
    })
  } finally {
    await p.context().close()
  }
})

test('the organiser registers a scoring device (secret shown once) and revokes it', { timeout: 90000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'results-devices', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.goto(`${env.baseUrl}/competitions/${comp.id}`)
      await p.locator(sel('devices-card')).waitFor()
      await p.locator(sel('device-add')).click()
      const dialog = p.locator(sel('device-dialog'))
      await dialog.locator(sel('df-save')).click()
      await dialog.locator('.el-alert', { hasText: '设备名称' }).waitFor()
      await dialog.locator(sel('df-name')).fill('焊缝检测仪 1号')
      await pickOption(p, 'df-venue', '瓯海赛区')
      await dialog.locator(sel('df-save')).click()
      const secret = dialog.locator(sel('device-secret'))
      await secret.waitFor()
      assert.match(await secret.innerText(), /^[0-9a-f]{64}$/)
      assert.match(await dialog.locator(sel('device-secret-warning')).innerText(), /只显示这一次/)
      await shot(p, '35-device-secret')
      await dialog.locator(sel('device-done')).click()
      await secret.waitFor({ state: 'detached' })
      const row = p.locator(rowsOf('devices-table'), { hasText: '焊缝检测仪 1号' })
      await row.waitFor()
      assert.match(await row.innerText(), /瓯海赛区[\s\S]*启用/)
      const list = (await call('GET', `/competitions/${comp.id}/devices`, undefined, users.organiser.token, 200)).body.items
      assert.equal(list.length, 1)
      assert.equal((await row.locator(sel('device-key')).innerText()).trim(), list[0].key_id)
      // The secret is not in the list, nor anywhere on the page once the dialog is closed.
      assert.equal(await p.locator(sel('device-secret')).count(), 0)

      await row.locator(sel('device-revoke')).click()
      await confirmBox(p)
      await p.waitForFunction(() => /已停用/.test(document.querySelector('[data-test="device-status"]').textContent))
      const after = (await call('GET', `/competitions/${comp.id}/devices`, undefined, users.organiser.token, 200)).body.items
      assert.equal(after[0].revoked, true)
      await shot(p, '36-devices')
    })
  } finally {
    await p.context().close()
  }
})
