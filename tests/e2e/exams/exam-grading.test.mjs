// Where exam results go, in the browser (docs/api/exams.md): the demo's chief judge finds the demo's
// finished mock exam in 阅卷 (a grading-only exam page) and marks a short answer; the organiser is
// refused the transfer of that exam (short answers still open: the server's grading_pending message),
// then transfers a fresh 电工 exam (a fixed paper of true/false questions of the demo bank, sat over the
// API by two entrants of the demo competition's 电工 event and one electrician who is not an entrant)
// into that event's theory component and reads the counts and the absent entrants, twice (the second
// time replayed); the worker detail page and the entrant's own 我的档案 list the exam in 考试记录; the
// entrant switches the practice leaderboard between 全部 and 本单位.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, login, sel, shot, pickOption, withShotOnFailure, newPhonePage, assertFitsPhone } from '../lib/ui.mjs'
import { RUN } from '../lib/data.mjs'
import { apiCaller, PASSWORD } from '../lib/competition.mjs'
import { rightResponse } from '../lib/exams.mjs'

const MOCK_TITLE = '电工理论模拟考试（第一期）'
let env, call, page
let root, electrician, organiser, chief
let comp, event, entries, bank, exam, mock
let sitterA, sitterB, absentee, outsider // { worker, user, score }

const iso = (seconds) => new Date(Date.now() + seconds * 1000).toISOString()

async function createUser(key, grants, extra = {}) {
  const username = `grading.${key}.${RUN}`.toLowerCase()
  const r = await call('POST', '/users', { username, password: PASSWORD, display_name: key, grants, ...extra }, env.adminToken)
  if (r.status !== 201) return null
  const tok = await call('POST', '/auth/login', { username, password: PASSWORD }, undefined, 200)
  return { id: r.body.id, username, token: tok.body.token }
}

/** An account linked to the worker (null when the worker already has one, e.g. the demo worker). */
const workerAccount = (key, w) => createUser(key, [{ role: 'worker', org_id: w.org_id }], { display_name: w.worker_name || w.name, worker_id: w.worker_id || w.id })

/** Sits the exam over the API: every answer right, or the first one wrong. */
async function sit(user, { wrongFirst = false } = {}) {
  const device_id = `e2e-${user.username}`
  const start = await call('POST', `/exams/${exam.id}/start`, { device_id }, user.token, 200)
  const answers = start.body.questions.map((q, i) => ({ question: q.id, response: rightResponse(q, bank, { wrong: wrongFirst && i === 0 }) }))
  const done = await call('POST', `/exam-sessions/${start.body.session.id}/submit`, { device_id, answers }, user.token, 200)
  return done.body.session
}

/** Plays practice level 1 of the electricians over the API with every answer right. */
async function practise(user, fullBank) {
  const levels = (await call('GET', `/practice/levels?work_type_id=${electrician.id}`, undefined, user.token, 200)).body
  const attempt = (await call('POST', `/practice/levels/${levels.items[0].id}/attempts`, undefined, user.token, 201)).body
  const answers = attempt.questions.map((q) => ({ question: q.id, response: rightResponse(q, fullBank) }))
  const r = await call('POST', `/practice/attempts/${attempt.attempt_id}/submit`, { answers, seconds: 30 }, user.token, 200)
  assert.ok(r.body.points > 0, 'right answers earn points')
}

before(async () => {
  env = await startEnv('exam-grading')
  call = apiCaller(env)
  assert.ok(env.demoAccounts.chief_judge, 'the demo printed its chief judge account')
  chief = { ...env.demoAccounts.chief_judge }
  chief.token = (await call('POST', '/auth/login', env.demoAccounts.chief_judge, undefined, 200)).body.token
  root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  electrician = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items.find((w) => w.name === '电工')
  assert.ok(electrician, 'the demo has electricians')
  organiser = await createUser('organiser', [{ role: 'organiser', org_id: root.id }])

  // The demo competition's 电工 event (running, with a theory component) and its entrants.
  for (const c of (await call('GET', '/competitions', undefined, env.adminToken, 200)).body.items) {
    const ev = (c.events || []).find((e) => String(e.work_type_id) === String(electrician.id))
    if (ev) {
      comp = c
      event = (await call('GET', `/events/${ev.id}`, undefined, env.adminToken, 200)).body
      break
    }
  }
  assert.ok(event, 'the demo competition has an 电工 event')
  assert.equal(comp.status, 'running')
  assert.ok(event.components.some((k) => k.kind === 'theory'), 'the 电工 event has a theory component')
  entries = (await call('GET', `/events/${event.id}/entries`, undefined, env.adminToken, 200)).body.items.filter((e) => e.status !== 'withdrawn')
  assert.ok(entries.length >= 4, 'the 电工 event has entrants')

  // A fresh exam of the organiser: a fixed paper of four true/false questions of the demo bank.
  bank = (await call('GET', `/questions?work_type_id=${electrician.id}&type=true_false&limit=50`, undefined, organiser.token, 200)).body.items
  assert.ok(bank.length >= 4, 'the demo bank has true/false questions')
  exam = (await call('POST', '/exams', {
    title: `电工赛项理论考试${RUN}`, work_type_id: electrician.id, opens_at: iso(-120), closes_at: iso(3600), duration_minutes: 20,
    paper: { mode: 'fixed', question_ids: bank.slice(0, 4).map((q) => q.id) }
  }, organiser.token, 201)).body

  // Candidates: two entrants of different enterprises who sit it, one who does not (absent), and an
  // electrician who is not an entrant. Each sitter gets an account linked to their worker record.
  const pool = [...entries]
  const takeEntrant = async (key, avoidOrg) => {
    for (const e of pool.filter((x) => x.org_id !== avoidOrg).concat(pool)) {
      const user = await workerAccount(key, e)
      if (!user) continue
      pool.splice(pool.indexOf(e), 1)
      return { worker: { id: e.worker_id, name: e.worker_name, org_id: e.org_id, org_name: e.org_name }, user }
    }
    throw new Error(`no entrant for ${key}`)
  }
  sitterA = await takeEntrant('a')
  sitterB = await takeEntrant('b', sitterA.worker.org_id)
  assert.notEqual(sitterB.worker.org_id, sitterA.worker.org_id, 'the two sitters work at different enterprises')
  const absentEntry = pool.shift()
  absentee = { worker: { id: absentEntry.worker_id, name: absentEntry.worker_name } }
  const entered = new Set(entries.map((e) => e.worker_id))
  const electricians = (await call('GET', `/workers?work_type_id=${electrician.id}&limit=100`, undefined, env.adminToken, 200)).body.items
  for (const w of electricians.filter((x) => !entered.has(x.id))) {
    const user = await workerAccount('outsider', w)
    if (user) {
      outsider = { worker: w, user }
      break
    }
  }
  assert.ok(outsider, 'an electrician who is not an entrant got an account')
  const ids = [sitterA, sitterB, absentee, outsider].map((c) => c.worker.id)
  const added = await call('POST', `/exams/${exam.id}/candidates`, { worker_ids: ids }, organiser.token, 200)
  assert.equal(added.body.candidates, 4)
  await call('POST', `/exams/${exam.id}/publish`, undefined, organiser.token, 200)
  sitterA.session = await sit(sitterA.user)
  sitterB.session = await sit(sitterB.user, { wrongFirst: true })
  outsider.session = await sit(outsider.user)
  assert.equal(sitterA.session.score, sitterA.session.max_score)
  assert.ok(sitterB.session.score < sitterB.session.max_score)

  // Both entrants practise (the leaderboard of the last test).
  const fullBank = (await call('GET', `/questions?work_type_id=${electrician.id}&limit=200`, undefined, organiser.token, 200)).body.items
  await practise(sitterA.user, fullBank)
  await practise(sitterB.user, fullBank)

  mock = (await call('GET', '/exams', undefined, organiser.token, 200)).body.items.find((e) => e.title === MOCK_TITLE)
  assert.ok(mock && mock.pending_manual > 0, 'the demo mock exam has short answers to grade')
  page = await newPage(env)
}, { timeout: 240000 })

after(async () => {
  if (page) await page.context().close().catch(() => {})
  if (env) await env.stop()
})

test('the chief judge opens 阅卷, finds the mock exam and grades a short answer on a grading-only page', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'grading-chief', async () => {
    // GET /exams lists the exams of the chief judge's scope (grade_exams).
    const listed = (await call('GET', '/exams', undefined, chief.token, 200)).body.items
    assert.ok(listed.some((e) => e.id === mock.id), 'the chief judge lists the mock exam')

    await login(page, env.baseUrl, chief.username, chief.password)
    assert.equal(await page.locator(sel('menu-exams')).count(), 0, 'no 考试 menu for a chief judge')
    assert.equal(await page.locator(sel('menu-bank')).count(), 0)
    await page.locator(sel('menu-grading')).click()
    await page.locator(sel('grading-page')).waitFor()
    const row = page.locator(`${sel('grading-table')} .el-table__row`, { hasText: MOCK_TITLE })
    await row.waitFor()
    assert.equal((await row.locator(sel('grading-pending')).innerText()).trim(), String(mock.pending_manual))
    assert.equal(await page.locator(`${sel('grading-table')} .el-table__row`, { hasText: exam.title }).count(), 0, 'an exam without short answers is not listed')
    await shot(page, '78-grading-queue')

    await row.locator(sel('grading-exam-link')).click()
    await page.locator(sel('exam-grading')).waitFor()
    assert.match(page.url(), new RegExp(`/grading/${mock.id}$`))
    // Only the 阅卷 tab: no candidates, statistics, publish, export or transfer (the tabs render once the exam has loaded).
    await page.locator(sel('tab-grading')).waitFor()
    assert.equal(await page.locator(`${sel('exam-tabs')} .el-tabs__item`).count(), 1)
    for (const name of ['tab-sessions', 'tab-stats', 'exam-publish', 'exam-results', 'exam-transfer', 'exam-edit', 'exam-add-candidates']) {
      assert.equal(await page.locator(sel(name)).count(), 0, `no ${name} for a chief judge`)
    }
    const item = page.locator(sel('grading-item')).first()
    await item.waitFor()
    const answerText = (await item.locator(sel('grading-text')).innerText()).trim()
    await item.locator(`${sel('grading-input')} input`).fill('6')
    await item.locator(sel('grading-save')).click()
    await page.waitForFunction(
      (n) => document.querySelector('[data-test="exam-pending"]')?.textContent.trim() === String(n),
      mock.pending_manual - 1
    )
    await shot(page, '79-grading-chief-graded')
    const graded = (await call('GET', `/exams/${mock.id}/grading`, undefined, chief.token, 200)).body.items.filter((i) => i.awarded !== null)
    assert.equal(graded.length, 1)
    assert.deepEqual([graded[0].awarded, graded[0].graded_by, graded[0].text.trim()], [6, chief.username, answerText])

    // The organiser's exam page is not theirs: /exams/{id} leads to the grading page.
    await page.goto(`${env.baseUrl}/exams/${mock.id}`)
    await page.locator(sel('exam-grading')).waitFor()
    assert.match(page.url(), new RegExp(`/grading/${mock.id}$`))
    assert.equal((await call('GET', `/exams/${mock.id}/sessions`, undefined, chief.token)).status, 403, 'the sessions stay the organiser\'s')
  })
})

test('the organiser transfers the exam scores into the 电工 event: refused while grading is pending, then counts and absent names', { timeout: 120000 }, async () => {
  await withShotOnFailure(page, 'grading-transfer', async () => {
    await page.context().clearCookies()
    await login(page, env.baseUrl, organiser.username, PASSWORD)
    assert.ok(await page.locator(sel('menu-grading')).isVisible(), 'organisers grade too')

    // The mock exam still has short answers to grade: the server's grading_pending message.
    await page.goto(`${env.baseUrl}/exams/${mock.id}`)
    await page.locator(sel('exam-detail')).waitFor()
    await page.locator(sel('exam-transfer')).click()
    await page.locator(sel('transfer-dialog')).waitFor({ state: 'visible' })
    await pickOption(page, 'transfer-event', `${comp.name} · ${event.name}`)
    await page.locator(sel('transfer-submit')).click()
    await page.locator(sel('transfer-error')).waitFor()
    assert.match(await page.locator(sel('transfer-error')).innerText(), /还有简答题未评分/)
    assert.equal(await page.locator(sel('transfer-result')).count(), 0)
    await shot(page, '80-transfer-grading-pending')
    await page.locator(`${sel('transfer-dialog')} .el-dialog__headerbtn`).click()
    await page.locator(sel('transfer-dialog')).waitFor({ state: 'hidden' })

    // The fresh exam: two entrants sat it, one did not, and one candidate is not an entrant.
    await page.goto(`${env.baseUrl}/exams/${exam.id}`)
    await page.locator(sel('exam-detail')).waitFor()
    await page.locator(sel('exam-transfer')).click()
    const dialog = page.locator(sel('transfer-dialog'))
    await dialog.waitFor({ state: 'visible' })
    // Only events of the exam's work type are offered (here the one 电工 event, chosen already).
    await page.locator(sel('transfer-event')).click()
    const options = page.locator('.el-select-dropdown__item:visible')
    await options.first().waitFor()
    assert.equal(await options.count(), 1)
    await options.first().click()
    await page.locator(sel('transfer-submit')).click()
    await page.locator(sel('transfer-result')).waitFor()
    const count = async (name) => Number((await page.locator(sel(name)).innerText()).trim())
    assert.equal(await count('transfer-transferred'), 2)
    assert.equal(await count('transfer-replayed'), 0)
    assert.equal(await count('transfer-not-entered'), 1)
    assert.equal(Number(await page.locator(sel('transfer-absent-count')).getAttribute('data-count')), entries.length - 2)
    const absentNames = await page.locator(sel('transfer-absent-name')).allInnerTexts()
    assert.ok(absentNames.includes(absentee.worker.name), 'the candidate who did not sit is named absent')
    assert.ok(!absentNames.includes(sitterA.worker.name) && !absentNames.includes(sitterB.worker.name))
    await shot(page, '81-transfer-result')

    // Again: the same marks are replayed, never doubled.
    await page.locator(sel('transfer-submit')).click()
    await page.waitForFunction(() => document.querySelector('[data-test="transfer-replayed"]')?.textContent.trim() === '2')
    assert.equal(await count('transfer-transferred'), 0)
    await shot(page, '82-transfer-replayed')
    await dialog.locator('.el-dialog__headerbtn').click()

  })
})

test('the worker detail page and the worker\'s own 我的档案 show the exam in 考试记录', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'grading-exam-record', async () => {
    await page.goto(`${env.baseUrl}/workers/${sitterB.worker.id}`)
    await page.locator(sel('worker-detail-page')).waitFor()
    const row = page.locator(`${sel('exam-record-table')} .el-table__row`, { hasText: exam.title })
    await row.waitFor()
    const score = (await row.locator(sel('exam-record-score')).innerText()).replace(/\s+/g, ' ').trim()
    assert.equal(score, `${sitterB.session.score} / ${sitterB.session.max_score}`)
    const passed = sitterB.session.score * 100 / sitterB.session.max_score >= exam.pass_percent
    assert.equal(await row.locator(sel('exam-record-result')).getAttribute('data-result'), passed ? 'passed' : 'failed')
    await row.scrollIntoViewIfNeeded()
    await shot(page, '83-worker-exam-record')

    await page.context().clearCookies()
    await login(page, env.baseUrl, sitterA.user.username, PASSWORD)
    await page.locator(sel('menu-my-record')).click()
    await page.locator(sel('my-record-page')).waitFor()
    const mine = page.locator(`${sel('exam-record-table')} .el-table__row`, { hasText: exam.title })
    await mine.waitFor()
    assert.equal((await mine.locator(sel('exam-record-score')).innerText()).replace(/\s+/g, ' ').trim(), `${sitterA.session.max_score} / ${sitterA.session.max_score}`)
    assert.equal(await mine.locator(sel('exam-record-result')).getAttribute('data-result'), 'passed')
    await mine.scrollIntoViewIfNeeded()
    await shot(page, '84-my-exam-record')

    // On the worker's phone: the record fits the screen, and the worker sees their own birth date.
    const phone = await newPhonePage(env)
    try {
      await phone.goto(env.baseUrl + '/login')
      await phone.locator(sel('login-username')).fill(sitterA.user.username)
      await phone.locator(sel('login-password')).fill(PASSWORD)
      await phone.locator(sel('login-submit')).click()
      await phone.locator(sel('my-record-page')).waitFor()  // a worker's home page
      await phone.locator(`${sel('exam-record-table')} .el-table__row`, { hasText: exam.title }).waitFor()
      assert.match(await phone.locator(sel('my-record-page')).innerText(), /出生日期\s*\d{4}-\d{2}-\d{2}/)
      await assertFitsPhone(phone, '我的档案 on a phone')
      await shot(phone, '84b-my-record-phone')
    } finally {
      await phone.context().close()
    }
  })
})

test('the worker switches the practice leaderboard between 全部 and 本单位', { timeout: 60000 }, async () => {
  await withShotOnFailure(page, 'grading-leaderboard-scope', async () => {
    await page.goto(`${env.baseUrl}/practice/${electrician.id}?tab=board`)
    await page.locator(sel('leaderboard')).waitFor()
    const rows = page.locator(sel('leaderboard-row'))
    await rows.filter({ hasText: sitterB.worker.name }).first().waitFor()
    await rows.filter({ hasText: sitterA.worker.name }).first().waitFor()
    await page.locator(sel('leaderboard-scope')).waitFor()
    await shot(page, '85-leaderboard-all')

    const asked = page.waitForResponse((r) => r.url().includes('/practice/leaderboard') && r.url().includes(`org_id=${sitterA.worker.org_id}`))
    await page.locator(sel('scope-org')).click()
    assert.equal((await asked).status(), 200)
    await page.locator(sel('scope-org-name')).waitFor()
    assert.equal((await page.locator(sel('scope-org-name')).innerText()).trim(), sitterA.worker.org_name)
    await page.waitForFunction((name) => ![...document.querySelectorAll('[data-test="leaderboard-row"]')].some((r) => r.textContent.includes(name)), sitterB.worker.name)
    await rows.filter({ hasText: sitterA.worker.name }).first().waitFor()
    assert.match(await page.locator(sel('leaderboard-me')).innerText(), /第 1 名/)
    await shot(page, '86-leaderboard-my-org')

    await page.locator(sel('scope-all')).click()
    await rows.filter({ hasText: sitterB.worker.name }).first().waitFor()
  })
})
