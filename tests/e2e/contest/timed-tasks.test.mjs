// Timed tasks (计时项目) in the browser. Set-up through the API: an organiser, two judges (one a venue),
// a chief judge, a competition with two venues and a welding event ranked on equal totals by time.
// Then in the UI: the organiser builds the scheme in the editor — 管道快速连接 with one 计时 aspect
// worth 20 (the server's `time_needs_limit` problem until the 时限 of 900 s is entered) and 连接质量
// with one measurement — and sees the 时间补偿 tab read-only; two entrants at each venue; the judges on
// 390×844 phones type the times ("5:00", "10:00", "420", one queued offline) after a refused "5:75"
// and "90000", and the quality marks; the standings show time-based marks (fastest 300 s → 20, 600 s →
// 10, 420 s → 16 with the 900 s limit) and the times; the live phone board shows them too; the chief
// judge records a 120 s allowance for 瓯海赛区 in the 时间补偿 tab (the server's message first, for a
// missing reason), the standings follow (瓯海's 420 s → 300 s: 20; 600 s → 480 s: 14) and the order
// changes; the chief judge removes it again.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, withShotOnFailure, pickOption } from '../lib/ui.mjs'
import { apiCaller, createStaff, PASSWORD } from '../lib/competition.mjs'

let env
let call
const users = {}
let comp, venueA, venueB, event, entries
let timed, quality, timeAspect, qualityAspect
// Entrants: a0, a1 at 鹿城赛区 (venue A), b0, b1 at 瓯海赛区 (venue B).
const E = {}
const field = (p, name) => p.locator(`input${sel(name)}, ${sel(name)} input`).first()
const confirmBox = (p) => p.locator('.el-message-box__btns .el-button--primary').click()

before(async () => {
  env = await startEnv('timed-tasks')
  call = apiCaller(env)
  const root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  const welding = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items.find((w) => w.name === '焊工')
  assert.ok(welding, 'the demo has welders')
  Object.assign(users, await createStaff(env, call, root.id, 'e2e.t', [
    ['organiser', 'organiser', '赛事组织者'],
    ['j1', 'judge', '陈裁判'],
    ['j2', 'judge', '王裁判'],
    ['chief', 'chief_judge', '赵裁判长']
  ]))
  const org = users.organiser.token
  comp = (await call('POST', '/competitions', {
    name: '2026年温州市管道工技能大赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30'
  }, org, 201)).body
  venueA = (await call('POST', `/competitions/${comp.id}/venues`, { name: '鹿城赛区', city: '温州' }, org, 201)).body
  venueB = (await call('POST', `/competitions/${comp.id}/venues`, { name: '瓯海赛区', city: '温州' }, org, 201)).body
  // Equal totals are ranked by the time (less any allowance): the faster first.
  event = (await call('POST', `/competitions/${comp.id}/events`, {
    name: '管道连接', work_type_id: welding.id, total_mode: 'raw_sum', tie_breaks: ['time_lower'], venue_ids: [venueA.id, venueB.id]
  }, org, 201)).body
}, { timeout: 180000 })

after(async () => {
  if (env) await env.stop()
})

/** Registers the entrants (two a venue), assigns the judges and starts the competition. */
async function register() {
  const org = users.organiser.token
  await call('POST', `/competitions/${comp.id}/status`, { status: 'registration' }, org, 200)
  const welding = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items.find((w) => w.name === '焊工')
  const workers = (await call('GET', `/workers?work_type_id=${welding.id}&limit=50`, undefined, env.adminToken, 200)).body.items
  assert.ok(workers.length >= 4, 'the demo has four welders')
  const plan = [['a0', venueA], ['a1', venueA], ['b0', venueB], ['b1', venueB]]
  for (let i = 0; i < plan.length; i++) {
    await call('POST', `/events/${event.id}/entries`, { worker_id: workers[i].id, venue_id: plan[i][1].id }, org, 201)
  }
  await call('POST', `/events/${event.id}/judges`, { user_id: users.j1.id, venue_id: venueA.id }, org, 201)
  await call('POST', `/events/${event.id}/judges`, { user_id: users.j2.id, venue_id: venueB.id }, org, 201)
  await call('POST', `/events/${event.id}/judges`, { user_id: users.chief.id, chief: true }, org, 201)
  entries = (await call('GET', `/events/${event.id}/entries`, undefined, org, 200)).body.items
  assert.equal(entries.length, 4)
  for (let i = 0; i < plan.length; i++) E[plan[i][0]] = entries.find((e) => e.worker_id === workers[i].id)
  await call('POST', `/competitions/${comp.id}/status`, { status: 'running' }, org, 200)
}

test('the organiser builds a scheme with a timed task (the server asks for the time limit)', { timeout: 120000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'timed-scheme', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=scheme`)
      await p.locator(sel('scheme-editor')).waitFor()
      // No timed task yet: no 时间补偿 tab.
      assert.equal(await p.locator(sel('tab-allowances')).count(), 0)

      // 管道快速连接: one 计时 aspect worth 20, no time limit yet.
      await p.locator(sel('scheme-add-practical')).click()
      await field(p, 'sc-name-0').fill('管道快速连接')
      await field(p, 'sc-max-0').fill('20')
      await field(p, 'sc-crit-0-0').fill('用时')
      await field(p, 'sc-aname-0-0').fill('连接用时')
      await pickOption(p, 'sc-akind-0-0', '计时')
      await field(p, 'sc-amax-0-0').fill('20')
      await field(p, 'sc-aname-0-0').click() // blur the number input
      const help = p.locator(sel('sc-time-help-0'))
      await help.waitFor()
      assert.match(await help.innerText(), /连接用时.*最快者得 20 分.*请在上方填写本项目的时限/)
      await p.locator(sel('sc-limit-needed-0')).waitFor()
      // Step does not apply to a time: the column explains the max instead.
      assert.match(await p.locator(sel('sc-aspects-0')).innerText(), /最快者得满分；0 仅记录用时/)
      assert.equal(await p.locator(`${sel('sc-aspects-0')} .el-input-number`).count(), 1, 'only the max is a number input')

      // 连接质量: one measurement worth 30.
      await p.locator(sel('scheme-add-practical')).click()
      await field(p, 'sc-name-1').fill('连接质量')
      await field(p, 'sc-max-1').fill('30')
      await field(p, 'sc-crit-1-0').fill('质量')
      await field(p, 'sc-aname-1-0').fill('接口外观')
      await field(p, 'sc-amax-1-0').fill('30')
      await field(p, 'sc-aname-1-0').click()

      // The server refuses: a time worth marks needs the task's time limit.
      await p.locator(sel('scheme-save')).click()
      const problems = p.locator(sel('scheme-problems'))
      await problems.waitFor()
      const problem = p.locator(`${sel('scheme-problem')}[data-code="time_needs_limit"]`)
      await problem.waitFor()
      const text = await problem.innerText()
      assert.match(text, /管道快速连接 · 连接用时/, 'the problem names the component and the aspect')
      assert.match(text, /按用时评分需设置时限/)
      assert.doesNotMatch(text, /time limit/, 'only the Chinese half in zh-CN')
      assert.match(await p.locator(sel('sc-limit-item-0')).getAttribute('class'), /is-error/, 'the 时限 field is marked')
      await shot(p, '90-timed-scheme-problem')

      // 900 s: 15:00.
      await field(p, 'sc-limit-0').fill('900')
      await field(p, 'sc-aname-0-0').click()
      assert.match(await p.locator(sel('sc-limit-item-0')).innerText(), /即 15:00/)
      assert.match(await help.innerText(), /最快的选手（被否决者除外）得 20 分.*到时限 15:00 为 0 分/)
      await p.locator(sel('scheme-save')).click()
      await problems.waitFor({ state: 'detached' })
      await p.locator('.el-message--success').first().waitFor()
      await shot(p, '91-timed-scheme-saved')

      const saved = (await call('GET', `/events/${event.id}`, undefined, users.organiser.token, 200)).body
      ;[timed, quality] = saved.components
      assert.equal(timed.name, '管道快速连接')
      assert.equal(timed.time_limit_seconds, 900)
      assert.equal(timed.aspects.length, 1)
      assert.equal(timed.aspects[0].kind, 'time')
      assert.equal(timed.aspects[0].max_mark, 20)
      assert.equal(quality.aspects[0].kind, 'measurement')
      timeAspect = timed.aspects[0]
      qualityAspect = quality.aspects[0]
      event = { ...event, ...saved }

      // The organiser sees the 时间补偿 tab, read-only (the chief judge records allowances).
      await p.locator(sel('tab-allowances')).click()
      await p.locator(sel('allowances-tab')).waitFor()
      await p.locator(sel('allowances-read-only')).waitFor()
      assert.equal(await p.locator(sel('allowances-form')).count(), 0)
    })
  } finally {
    await p.context().close()
  }
  await register()
})

async function phoneOf(user) {
  const phone = await newPhonePage(env)
  const context = phone.context()
  await phone.goto(env.baseUrl + '/login')
  await phone.locator(sel('login-username')).fill(user.username)
  await phone.locator(sel('login-password')).fill(PASSWORD)
  await phone.locator(sel('login-submit')).click()
  await phone.locator(sel('judging-page')).waitFor()
  return { context, phone }
}
const pendingIs = (phone, n, timeout = 20000) =>
  phone.waitForFunction(
    (re) => new RegExp(re).test(document.querySelector('[data-test="judge-pending"]').textContent),
    `待上传 ${n} 条`,
    { timeout }
  )

/** Opens an entrant, types the time (and checks how it reads back) and the quality mark, goes back. */
async function markEntrant(phone, entry, { time, shown, seconds, quality: q, offline, context, screenshot }) {
  await phone.locator(sel('judge-entry-' + entry.entry_code)).click()
  const view = phone.locator(sel('judge-entry-view-' + entry.entry_code))
  await view.waitFor()
  const timeEl = view.locator(sel('aspect-' + timeAspect.id))
  assert.equal(await timeEl.getAttribute('data-kind'), 'time')
  assert.match(await timeEl.innerText(), /时限 15:00/)
  const input = timeEl.locator(`input${sel('aspect-time')}`)
  if (offline) await context.setOffline(true)
  await input.fill(time)
  // What the typed time reads as, before it is sent.
  assert.match(await timeEl.locator(sel('aspect-time-note')).innerText(), new RegExp(`= ${seconds} 秒`))
  await input.press('Enter')
  // Shown back as mm:ss.s once recorded.
  await phone.waitForFunction(
    ([s, v]) => document.querySelector(s).value === v,
    [`[data-test="aspect-${timeAspect.id}"] input[data-test="aspect-time"]`, shown]
  )
  if (offline) {
    await pendingIs(phone, 1)
    await timeEl.locator(sel('aspect-pending')).waitFor()
    await context.setOffline(false)
  }
  const qInput = view.locator(`${sel('aspect-' + qualityAspect.id)} input`)
  await qInput.fill(String(q))
  await qInput.press('Enter')
  await phone.waitForFunction(() => /2\/2/.test(document.querySelector('[data-test="judge-entry-count"]').textContent))
  await pendingIs(phone, 0)
  if (screenshot) {
    await timeEl.scrollIntoViewIfNeeded()
    await shot(phone, screenshot)
  }
  await phone.locator(sel('judge-back')).click()
}

test('judges type the times on their phones (mm:ss or seconds, checked as typed, also offline)', { timeout: 150000 }, async () => {
  const j1 = await phoneOf(users.j1)
  try {
    await withShotOnFailure(j1.phone, 'timed-phone-j1', async () => {
      const { phone } = j1
      await phone.locator(sel('judge-entry-' + E.a0.entry_code)).waitFor()
      // The venue's judge sees that venue's entrants only.
      assert.equal(await phone.locator(sel('judge-entry-' + E.b0.entry_code)).count(), 0)
      await phone.locator(sel('judge-entry-' + E.a0.entry_code)).click()
      const view = phone.locator(sel('judge-entry-view-' + E.a0.entry_code))
      await view.waitFor()
      const timeEl = view.locator(sel('aspect-' + timeAspect.id))
      const input = timeEl.locator(`input${sel('aspect-time')}`)
      // Checked as typed: seconds past 59, then more than a day; nothing is queued.
      await input.fill('5:75')
      await timeEl.locator(sel('aspect-error')).waitFor()
      assert.match(await timeEl.locator(sel('aspect-error')).innerText(), /格式应为 分:秒/)
      await input.press('Enter')
      await input.fill('90000')
      assert.match(await timeEl.locator(sel('aspect-error')).innerText(), /0–86400 秒/)
      await input.press('Enter')
      assert.match(await phone.locator(sel('judge-pending')).innerText(), /待上传 0 条/)
      await shot(phone, '92-timed-phone-invalid')
      await phone.locator(sel('judge-back')).click()

      await markEntrant(phone, E.a0, { time: '5:00', shown: '05:00.0', seconds: 300, quality: 22, screenshot: '93-timed-phone-time' })
      await markEntrant(phone, E.a1, { time: '10:00', shown: '10:00.0', seconds: 600, quality: 28 })
    })
  } finally {
    await j1.context.close()
  }
  const j2 = await phoneOf(users.j2)
  try {
    await withShotOnFailure(j2.phone, 'timed-phone-j2', async () => {
      const { phone, context } = j2
      await phone.locator(sel('judge-entry-' + E.b0.entry_code)).waitFor()
      // Plain seconds are fine too.
      await markEntrant(phone, E.b0, { time: '420', shown: '07:00.0', seconds: 420, quality: 24 })
      // Offline: the time waits in the queue and goes out on reconnect.
      await markEntrant(phone, E.b1, { time: '10:00', shown: '10:00.0', seconds: 600, quality: 30, offline: true, context })
      assert.deepEqual(phone.consoleErrors.filter((e) => !/net::|Failed to fetch|ERR_INTERNET/.test(e)), [])
    })
  } finally {
    await j2.context.close()
  }
  // The server has the times in seconds.
  const tasks = (await call('GET', '/judging/tasks', undefined, users.j2.token, 200)).body.items
  const marks = tasks.find((tk) => tk.event.id === event.id).marks.filter((m) => m.aspect_id === timeAspect.id)
  assert.deepEqual(marks.map((m) => [m.entry_id, m.value]).sort(), [[E.b0.id, 420], [E.b1.id, 600]].sort())
})

/** The standings table as shown: per row bib, rank, total, the timed task's score and time, quality. */
function readStandings(p) {
  return p.$$eval(
    `${sel('standings-table')} .el-table__body tr.el-table__row`,
    (trs, [t, q]) =>
      trs.map((tr) => {
        const txt = (s) => {
          const el = tr.querySelector(`[data-test="${s}"]`)
          return el ? el.textContent.trim() : ''
        }
        return [
          tr.querySelectorAll('td')[1].textContent.trim(),
          txt('standings-rank'),
          txt('standings-total'),
          txt('standings-score-' + t),
          txt('standings-time-' + t),
          txt('standings-score-' + q)
        ].join(' ')
      }),
    [timed.id, quality.id]
  )
}
async function waitForStandings(p, expected, what) {
  let last = []
  for (let i = 0; i < 60; i++) {
    last = await readStandings(p)
    if (JSON.stringify(last) === JSON.stringify(expected)) return
    await p.waitForTimeout(500)
  }
  assert.deepEqual(last, expected, what)
}
const row = (e, rank, total, score, time, q) => `${e.bib} ${rank} ${total} ${score} ${time} ${q}`

// Before any allowance: fastest 300 s → 20; 420 s → 20 × (900 − 420) / (900 − 300) = 16; 600 s → 10.
// 鹿城 a0 42, 瓯海 b0 40 and b1 40 (b0 faster), 鹿城 a1 38.
const BEFORE = () => [
  row(E.a0, '1', '42.00', '20.00', '05:00', '22.00'),
  row(E.b0, '2', '40.00', '16.00', '07:00', '24.00'),
  row(E.b1, '3', '40.00', '10.00', '10:00', '30.00'),
  row(E.a1, '4', '38.00', '10.00', '10:00', '28.00')
]
// 瓯海 less 120 s: b0 300 s → 20 (44), b1 480 s → 14 (44, slower than b0); 鹿城 unchanged.
const AFTER = () => [
  row(E.b0, '1', '44.00', '20.00', '05:00', '24.00'),
  row(E.b1, '2', '44.00', '14.00', '08:00', '30.00'),
  row(E.a0, '3', '42.00', '20.00', '05:00', '22.00'),
  row(E.a1, '4', '38.00', '10.00', '10:00', '28.00')
]

test('the standings and the live board show time-based marks and the times', { timeout: 90000 }, async () => {
  const s = (await call('GET', `/events/${event.id}/standings`, undefined, users.organiser.token, 200)).body
  const byEntry = new Map(s.items.map((r) => [r.entry.id, r]))
  const comp0 = (e) => byEntry.get(e.id).components.find((c) => c.component_id === timed.id)
  assert.deepEqual([E.a0, E.a1, E.b0, E.b1].map((e) => [comp0(e).score, comp0(e).seconds]), [[20, 300], [10, 600], [16, 420], [10, 600]])
  assert.equal(byEntry.get(E.b0.id).aspects.find((a) => a.aspect_id === timeAspect.id).seconds, 420)
  assert.ok(s.items.every((r) => r.complete && !r.flagged))

  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'timed-standings', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=standings`)
      await p.locator(sel('standings-table')).waitFor()
      await waitForStandings(p, BEFORE(), 'standings before the allowance')
      // The header names the time limit.
      assert.match(await p.locator(`${sel('standings-table')} .el-table__header`).innerText(), /管道快速连接[\s\S]*15:00/)
      await shot(p, '94-timed-standings')
    })
  } finally {
    await p.context().close()
  }

  // The live phone board (no login): the timed task's time beside its score.
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  context.setDefaultTimeout(15000)
  const live = await context.newPage()
  live.consoleErrors = []
  try {
    await withShotOnFailure(live, 'timed-live', async () => {
      await live.goto(`${env.baseUrl}/live/e${event.id}?bib=${encodeURIComponent(E.b0.bib)}`)
      await live.locator(`${sel('live-status')}.connected`).waitFor()
      const b0Row = live.locator(`${sel('live-row')}[data-entry="${E.b0.board_row_id}"]`)
      await b0Row.locator(sel('row-time')).waitFor()
      assert.equal((await b0Row.locator(sel('row-time')).innerText()).trim(), '07:00')
      assert.equal((await live.locator(sel('mine-time')).innerText()).trim(), '07:00')
      assert.equal(await live.locator(sel('mine-time')).getAttribute('title'), '用时 07:00')
      await shot(live, '95-timed-live-board')
    })
  } finally {
    await context.close()
  }

  // The big screen: the time where other tasks show how much is marked.
  const screenContext = await env.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
  screenContext.setDefaultTimeout(15000)
  const screen = await screenContext.newPage()
  try {
    await withShotOnFailure(screen, 'timed-screen', async () => {
      await screen.goto(`${env.baseUrl}/screen/e${event.id}`)
      await screen.locator(`${sel('board-status')}.connected`).waitFor()
      const times = {}
      for (const e of [E.a0, E.a1, E.b0, E.b1]) {
        const r = screen.locator(`${sel('board-row')}[data-entry="${e.board_row_id}"] ${sel('row-time')}`)
        await r.waitFor()
        times[e.bib] = (await r.innerText()).trim()
      }
      assert.deepEqual(times, { [E.a0.bib]: '05:00', [E.a1.bib]: '10:00', [E.b0.bib]: '07:00', [E.b1.bib]: '10:00' })
      await shot(screen, '98-timed-screen')
    })
  } finally {
    await screenContext.close()
  }
})

test('the chief judge records a time allowance for a venue and the standings follow; removing it restores them', { timeout: 120000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'timed-allowances', async () => {
      await login(p, env.baseUrl, users.chief.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}`)
      await p.locator(sel('tab-allowances')).click()
      await p.locator(sel('allowances-tab')).waitFor()
      await p.locator(sel('allowances-form')).waitFor()
      assert.match(await p.locator(sel('allowances-table')).innerText(), /尚未登记时间补偿/)
      // The only timed task is chosen already.
      assert.match(await p.locator(sel('allow-task')).innerText(), /管道快速连接/)
      await pickOption(p, 'allow-venue', '瓯海赛区')
      // Typed as mm:ss, read back in seconds; nonsense is caught before it is sent.
      await field(p, 'allow-seconds').fill('2:7x')
      assert.match(await p.locator(sel('allow-seconds-hint')).innerText(), /补偿时间应为秒数或 分:秒/)
      await field(p, 'allow-seconds').fill('2:00')
      assert.match(await p.locator(sel('allow-seconds-hint')).innerText(), /02:00（120 秒）/)

      // No reason: the server's message.
      await p.locator(sel('allow-save')).click()
      const refusal = p.locator(sel('allowances-error'))
      await refusal.waitFor()
      assert.match(await refusal.innerText(), /请填写补偿原因/)
      assert.doesNotMatch(await refusal.innerText(), /characters/, 'only the Chinese half in zh-CN')
      assert.deepEqual((await call('GET', `/events/${event.id}/time-allowances`, undefined, users.chief.token, 200)).body.items, [])

      await field(p, 'allow-reason').fill('10:05–10:07 瓯海赛区停电')
      await p.locator(sel('allow-save')).click()
      await p.locator('.el-message--success', { hasText: '已登记时间补偿' }).first().waitFor()
      await refusal.waitFor({ state: 'detached' })
      const table = p.locator(sel('allowances-table'))
      await table.locator(sel('allowance-seconds')).waitFor()
      const text = await table.innerText()
      for (const s of ['瓯海赛区', '管道快速连接', '02:00（120 秒）', '10:05–10:07 瓯海赛区停电', users.chief.username]) assert.ok(text.includes(s), `${s} in ${text}`)
      const items = (await call('GET', `/events/${event.id}/time-allowances`, undefined, users.chief.token, 200)).body.items
      assert.equal(items.length, 1)
      assert.equal(items[0].venue_id, venueB.id)
      assert.equal(items[0].component_id, timed.id)
      assert.equal(items[0].seconds, 120)
      assert.equal(items[0].recorded_by, users.chief.username)
      await shot(p, '96-timed-allowance')

      // The standings: 瓯海's times less 120 s.
      await p.locator(sel('tab-standings')).click()
      await p.locator(sel('standings-table')).waitFor()
      await waitForStandings(p, AFTER(), 'standings with the allowance')
      await shot(p, '97-timed-standings-allowance')
      const s = (await call('GET', `/events/${event.id}/standings`, undefined, users.chief.token, 200)).body
      const b1 = s.items.find((r) => r.entry.id === E.b1.id)
      const c = b1.components.find((x) => x.component_id === timed.id)
      assert.deepEqual([c.score, c.seconds], [14, 480])
      assert.equal(b1.aspects.find((a) => a.aspect_id === timeAspect.id).seconds, 600, 'the recorded time stays as recorded')

      // Removed (seconds 0) from the list: the standings are as before.
      await p.locator(sel('tab-allowances')).click()
      await p.locator(sel('allowance-remove')).click()
      assert.match(await p.locator('.el-message-box').innerText(), /撤销 瓯海赛区 · 管道快速连接 的时间补偿/)
      await confirmBox(p)
      await p.locator(`${sel('allowances-table')} .el-table__empty-text`).waitFor()
      assert.deepEqual((await call('GET', `/events/${event.id}/time-allowances`, undefined, users.chief.token, 200)).body.items, [])
      await p.locator(sel('tab-standings')).click()
      await waitForStandings(p, BEFORE(), 'standings after removing the allowance')
      // Nothing went wrong in the page (the login page's 401 probe and the refusal's 400 are responses).
      assert.deepEqual(p.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401)/.test(e)), [])
    })
  } finally {
    await p.context().close()
  }
})
