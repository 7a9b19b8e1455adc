// 评分细项锁定 in the browser. Set-up goes through the API (lib/competition.mjs: an organiser, three
// judges and a chief judge, a running welding competition, one judge mark). Then: the chief judge
// locks aspects in the event's 评分细项锁定 tab (every venue, one venue, a refusal with the server's
// message); a judge's phone (390×844) shows them read-only with a lock icon and 已锁定; a mark on a locked aspect
// over the API answers 409 aspect_locked; a mark queued offline on an aspect locked meanwhile is
// refused, dropped from the queue and shown; the chief judge unlocks; the judge marks again.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, withShotOnFailure, pickOption } from '../lib/ui.mjs'
import { setUpCompetition, PASSWORD } from '../lib/competition.mjs'
import { RUN } from '../lib/data.mjs'

let env
let call, users, venue, event, entries, practical, theory
let m, look, safety
const confirmBox = (p) => p.locator('.el-message-box__btns .el-button--primary').click()
const row = (p, a) => p.locator(sel('locks-aspect-' + a.id))
const locksOf = async () => (await call('GET', `/events/${event.id}/aspect-locks`, undefined, users.organiser.token, 200)).body.items

before(async () => {
  env = await startEnv('aspect-locks')
  ;({ call, users, venue, event, entries, practical, theory } = await setUpCompetition(env, {
    userPrefix: 'e2e.k',
    // One mark of the phone's judge, shown read-only once its aspect is locked.
    plan: ({ look, e0 }) => ({ j1: [[e0, look.id, 2]] })
  }))
  ;[m, look, safety] = practical.aspects
}, { timeout: 180000 })

after(async () => {
  if (env) await env.stop()
})

async function phonePage() {
  const phone = await newPhonePage(env)
  const context = phone.context()
  await phone.goto(env.baseUrl + '/login')
  await phone.locator(sel('login-username')).fill(users.j1.username)
  await phone.locator(sel('login-password')).fill(PASSWORD)
  await phone.locator(sel('login-submit')).click()
  await phone.locator(sel('judging-page')).waitFor()
  await phone.locator(sel('judge-entry-' + entries[0].entry_code)).waitFor()
  return { context, phone }
}
const pendingIs = (phone, n, timeout = 20000) =>
  phone.waitForFunction(
    (re) => new RegExp(re).test(document.querySelector('[data-test="judge-pending"]').textContent),
    `待上传 ${n} 条`,
    { timeout }
  )

test('the chief judge locks aspects for every venue and for one venue, and sees the server refusal', { timeout: 90000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'locks-chief', async () => {
      await login(p, env.baseUrl, users.chief.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}`)
      await p.locator(sel('tab-locks')).click()
      await p.locator(sel('locks-tab')).waitFor()
      // Every aspect, grouped by component and criterion.
      assert.equal(await p.locator('[data-test^="locks-aspect-"]').count(), 1 + practical.aspects.length)
      const text = await p.locator(sel('locks-tab')).innerText()
      for (const s of ['理论知识', '实操：板对接焊', '焊缝尺寸', '外观', '安全文明', '焊缝成形美观', '违规操作']) assert.match(text, new RegExp(s))
      assert.match(await p.locator(sel('locks-count')).innerText(), /已锁定 0\/5 项/)
      assert.match(await row(p, look).innerText(), /未锁定/)

      // Every venue: the confirm dialog names the aspect.
      await row(p, look).locator(sel('locks-lock')).click()
      assert.match(await p.locator('.el-message-box').innerText(), /焊缝成形美观.*全部赛区/)
      await shot(p, '40-locks-confirm')
      await confirmBox(p)
      await row(p, look).locator(sel('locks-all')).waitFor()
      assert.match(await row(p, look).locator(sel('locks-all')).innerText(), /全部赛区/)

      // One venue, chosen in the scope select.
      await pickOption(p, 'locks-scope', '鹿城赛区')
      await row(p, m).locator(sel('locks-lock')).click()
      await confirmBox(p)
      await row(p, m).locator(sel('locks-venue-' + venue.id)).waitFor()
      assert.match(await row(p, m).locator(sel('locks-venue-' + venue.id)).innerText(), /鹿城赛区/)
      // Already locked at every venue: nothing more to lock at one.
      assert.equal(await row(p, look).locator(sel('locks-lock')).count(), 0)
      assert.match(await p.locator(sel('locks-count')).innerText(), /已锁定 2\/5 项/)
      let items = await locksOf()
      assert.deepEqual(
        items.map((l) => [l.aspect_id, l.venue_id]).sort(),
        [[look.id, null], [m.id, venue.id]].sort()
      )
      assert.ok(items.every((l) => l.locked_by === users.chief.username))

      // Someone locked 安全文明生产 meanwhile: the page is stale, the server's 409 text is shown.
      await call('POST', `/events/${event.id}/aspects/${safety.id}/lock`, { venue_id: venue.id }, users.chief.token, 204)
      await row(p, safety).locator(sel('locks-lock')).click()
      await confirmBox(p)
      const refusal = p.locator(sel('locks-error'))
      await refusal.waitFor()
      assert.match(await refusal.innerText(), /该评分细项已锁定/)
      assert.doesNotMatch(await refusal.innerText(), /locked already/, 'only the Chinese half in zh-CN')
      // ... and the tab reloads the locks: the venue chip is there now.
      await row(p, safety).locator(sel('locks-venue-' + venue.id)).waitFor()
      await shot(p, '41-locks-refused')

      // The chip's close button unlocks that venue.
      await row(p, safety).locator(`${sel('locks-venue-' + venue.id)} .el-tag__close`).click()
      await row(p, safety).locator(sel('locks-open')).waitFor()
      items = await locksOf()
      assert.equal(items.length, 2)
      assert.ok(!items.some((l) => l.aspect_id === safety.id))
      await pickOption(p, 'locks-scope', '全部赛区')
      await shot(p, '42-locks-tab')
    })
  } finally {
    await p.context().close()
  }
})

test('the judge phone shows locked aspects read-only; locked marks are refused, also from the offline queue', { timeout: 120000 }, async () => {
  const { context, phone } = await phonePage()
  try {
    await withShotOnFailure(phone, 'locks-phone', async () => {
      await phone.locator(sel('judge-locked-count')).waitFor()
      assert.match(await phone.locator(sel('judge-locked-count')).innerText(), /2 项已锁定/)
      const e0 = entries[0]
      await phone.locator(sel('judge-entry-' + e0.entry_code)).click()
      const view = phone.locator(sel('judge-entry-view-' + e0.entry_code))
      await view.waitFor()
      const lookEl = view.locator(sel('aspect-' + look.id))
      const mEl = view.locator(sel('aspect-' + m.id))
      const safetyEl = view.locator(sel('aspect-' + safety.id))
      // Locked at every venue: a tag, the judge's value, nothing to press.
      assert.equal(await lookEl.getAttribute('data-locked'), '1')
      assert.match(await lookEl.locator(sel('aspect-locked')).innerText(), /已锁定/)
      assert.equal(await lookEl.locator(`${sel('aspect-locked')} svg`).count(), 1, 'the lock icon')
      assert.match(await lookEl.locator(sel('aspect-locked-value')).innerText(), /评分 2/)
      assert.equal(await lookEl.locator('button, input').count(), 0)
      // Locked at the judge's venue only: locked here too.
      assert.equal(await mEl.getAttribute('data-locked'), '1')
      assert.match(await mEl.locator(sel('aspect-locked-value')).innerText(), /未评分/)
      assert.equal(await mEl.locator('input').count(), 0)
      // Not locked: marked as usual.
      assert.equal(await safetyEl.getAttribute('data-locked'), '0')
      assert.equal(await safetyEl.locator(sel('aspect-locked')).count(), 0)
      assert.equal(await safetyEl.locator('[data-test^="judge-"]').count(), 4)
      await lookEl.scrollIntoViewIfNeeded()
      await shot(phone, '43-judge-phone-locked')

      // Over the API: 409 aspect_locked with the server's message.
      const refused = await call('POST', '/marks', {
        marks: [{ client_id: `lock-${RUN}-1`, entry_id: entries[1].id, aspect_id: look.id, value: 2 }]
      }, users.j1.token, 409)
      assert.equal(refused.body.error.code, 'aspect_locked')
      assert.match(refused.body.error.message, /裁判长已锁定该评分细项/)

      // Offline, the judge marks 安全文明生产; the chief judge locks it before the queue drains.
      await context.setOffline(true)
      await safetyEl.locator(sel('judge-2')).click()
      await pendingIs(phone, 1)
      await safetyEl.locator(sel('aspect-pending')).waitFor()
      await call('POST', `/events/${event.id}/aspects/${safety.id}/lock`, undefined, users.chief.token, 204)
      await context.setOffline(false)
      // Refused, dropped from the queue (not retried) and shown with the server's message.
      const alert = phone.locator(`${sel('judge-rejected')}[data-code="aspect_locked"]`)
      await alert.waitFor({ timeout: 20000 })
      await pendingIs(phone, 0)
      const text = await alert.innerText()
      assert.match(text, new RegExp(`${e0.entry_code} · 安全文明生产 已被裁判长锁定，评分 2 未被接受`))
      assert.match(text, /裁判长已锁定该评分细项，修改需走成绩更正流程/)
      const stored = await phone.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('skb.judging.queue.'))
          .map((k) => JSON.parse(localStorage.getItem(k)))
          .map((q) => [q.pending.length, q.rejected.map((r) => r.code)])
      )
      assert.deepEqual(stored, [[0, ['aspect_locked']]], 'the refused mark left the queue')
      // The page took the new lock in: the aspect is read-only now, with no value of this judge.
      await phone.waitForFunction((s) => document.querySelector(s).dataset.locked === '1', `[data-test="aspect-${safety.id}"]`)
      assert.match(await safetyEl.locator(sel('aspect-locked-value')).innerText(), /未评分/)
      await phone.locator(sel('judge-pending')).scrollIntoViewIfNeeded()
      await shot(phone, '44-judge-phone-refused')
      // Not retried: after another flush period the queue is still empty and the server has no such mark.
      await phone.waitForTimeout(11000)
      assert.match(await phone.locator(sel('judge-pending')).innerText(), /待上传 0 条/)
      const tasks = (await call('GET', '/judging/tasks', undefined, users.j1.token, 200)).body.items
      const marks = tasks.find((tk) => tk.event.id === event.id).marks
      assert.ok(!marks.some((x) => x.aspect_id === safety.id), 'the refused mark is not on the server')
      assert.deepEqual(phone.consoleErrors.filter((e) => !/net::|Failed to fetch|ERR_INTERNET/.test(e)), [])
    })
  } finally {
    await context.close()
  }
})

test('the chief judge unlocks in the browser and the judge marks the aspect again', { timeout: 120000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'locks-unlock', async () => {
      await login(p, env.baseUrl, users.chief.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=locks`)
      await row(p, look).locator(sel('locks-all')).waitFor()
      await row(p, look).locator(sel('locks-unlock')).click()
      await row(p, look).locator(sel('locks-open')).waitFor()
      await row(p, safety).locator(sel('locks-unlock')).click()
      await row(p, safety).locator(sel('locks-open')).waitFor()
      // The venue lock of 焊缝宽度偏差 stays.
      assert.equal(await row(p, m).locator(sel('locks-venue-' + venue.id)).count(), 1)
      assert.match(await p.locator(sel('locks-count')).innerText(), /已锁定 1\/5 项/)
      await shot(p, '45-locks-unlocked')
      const items = await locksOf()
      assert.deepEqual(items.map((l) => [l.aspect_id, l.venue_id]), [[m.id, venue.id]])
    })
  } finally {
    await p.context().close()
  }

  const { context, phone } = await phonePage()
  try {
    await withShotOnFailure(phone, 'locks-phone-again', async () => {
      const e0 = entries[0]
      await phone.locator(sel('judge-entry-' + e0.entry_code)).click()
      const view = phone.locator(sel('judge-entry-view-' + e0.entry_code))
      await view.waitFor()
      const lookEl = view.locator(sel('aspect-' + look.id))
      assert.equal(await lookEl.getAttribute('data-locked'), '0')
      assert.equal(await lookEl.locator(sel('aspect-locked')).count(), 0)
      await lookEl.locator(sel('judge-3')).click()
      await pendingIs(phone, 0)
      assert.equal(await lookEl.locator(sel('judge-3')).getAttribute('aria-checked'), 'true')
      assert.equal(await phone.locator(sel('judge-rejected')).count(), 0)
      assert.equal(await view.locator(`${sel('aspect-' + m.id)}[data-locked="1"]`).count(), 1)
      await lookEl.scrollIntoViewIfNeeded()
      await shot(phone, '46-judge-phone-unlocked')

      const tasks = (await call('GET', '/judging/tasks', undefined, users.j1.token, 200)).body.items
      const marks = tasks.find((tk) => tk.event.id === event.id).marks
      assert.equal(marks.find((x) => x.entry_id === e0.id && x.aspect_id === look.id).value, 3)
      await call('POST', '/marks', {
        marks: [{ client_id: `lock-${RUN}-2`, entry_id: entries[1].id, aspect_id: look.id, value: 1 }]
      }, users.j1.token, 201)
      await call('POST', '/marks', {
        marks: [{ client_id: `lock-${RUN}-3`, entry_id: entries[1].id, aspect_id: theory.aspects[0].id, value: 50 }]
      }, users.j1.token, 201)
    })
  } finally {
    await context.close()
  }
})
