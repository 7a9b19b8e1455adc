// 题库 · 考试 · 网上练兵 in the browser (docs/api/exams.md). An organiser imports a small bank (electrical
// questions) into a work type the demo leaves without one, from a generated template .xlsx (dry run first), builds a blueprint exam in the dialog, adds a
// worker as candidate and publishes; creates two practice levels. The worker, on a 390×844 phone,
// starts the exam, answers, reloads mid-exam (answers come back from the server), answers while
// offline (queued in localStorage, 离线待发送) and sees the queue drain on reconnect, leaves the window
// and tries to copy (integrity events), submits and sees the score. The organiser finds the session
// with its integrity events and the item statistics chart. Then the worker plays practice level 1,
// reads the feedback and finds themselves on the leaderboard.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startEnv, ARTIFACTS } from '../lib/env.mjs'
import { newPage, newPhonePage, login, sel, shot, pickOption, withShotOnFailure } from '../lib/ui.mjs'
import { RUN } from '../lib/data.mjs'
import { apiCaller, userMaker, PASSWORD } from '../lib/competition.mjs'
import { BANK, writeBankXlsx, answerShown } from '../lib/exams.mjs'

const exact = (text) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
let env, call, createUser, page, phoneContext, phone
let root, workType, worker, organiser, workerUser
let examId, sessionId


before(async () => {
  env = await startEnv('exams')
  call = apiCaller(env)
  createUser = userMaker(env, call, 'exam')
  root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  // A work type whose bank the demo leaves empty (it seeds electricians' and welders'), so that every
  // question drawn is one of ours and the answer key knows it.
  const wts = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items
  for (const w of wts) {
    const q = (await call('GET', `/questions?work_type_id=${w.id}&active=all&limit=1`, undefined, env.adminToken, 200)).body
    const levels = (await call('GET', `/practice/levels?work_type_id=${w.id}`, undefined, env.adminToken, 200)).body
    if (q.total === 0 && !levels.items.length) {
      workType = w
      break
    }
  }
  assert.ok(workType, 'a work type without a bank')
  // A worker of the demo with that work type in their record, and an account linked to it.
  // (The demo's own worker account holds one of them: take the first that has no account.)
  const workers = (await call('GET', `/workers?work_type_id=${workType.id}&limit=20`, undefined, env.adminToken, 200)).body.items
  organiser = await createUser('organiser', [{ role: 'organiser', org_id: root.id }])
  for (const w of workers.reverse()) {
    const username = `exam.worker.${RUN}`.toLowerCase()
    const r = await call('POST', '/users', { username, password: PASSWORD, display_name: w.name, grants: [{ role: 'worker', org_id: w.org_id }], worker_id: w.id })
    if (r.status !== 201) continue
    const tok = await call('POST', '/auth/login', { username, password: PASSWORD }, undefined, 200)
    worker = w
    workerUser = { id: r.body.id, username, token: tok.body.token }
    break
  }
  assert.ok(worker, 'an workType of the demo got an account')
  page = await newPage(env)
  phone = await newPhonePage(env)
  phoneContext = phone.context()
}, { timeout: 180000 })

after(async () => {
  if (page) await page.context().close().catch(() => {})
  if (phoneContext) await phoneContext.close().catch(() => {})
  if (env) await env.stop()
})

test('organiser imports the bank from an .xlsx: dry run, then import', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'exams-bank-import', async () => {
    const file = await writeBankXlsx(join(ARTIFACTS, 'exam-bank.xlsx'))
    await login(page, env.baseUrl, organiser.username, PASSWORD)
    for (const item of ['bank', 'exams', 'practice-levels']) {
      assert.ok(await page.locator(sel('menu-' + item)).isVisible(), `the organiser sees menu ${item}`)
    }
    assert.equal(await page.locator(sel('menu-my-exams')).count(), 0, 'no 我的考试 for an organiser')
    await page.locator(sel('menu-bank')).click()
    await page.locator(sel('bank-page')).waitFor()
    await page.locator(sel('bank-import')).click()
    const dialog = page.locator(sel('bank-import-dialog'))
    await dialog.waitFor({ state: 'visible' })
    await pickOption(page, 'bi-work-type', exact(workType.name))
    // A file with a bad answer letter on its second row: the dry run lists the problem per row.
    const bad = BANK.slice(0, 3).map((r, i) => (i === 1 ? [r[0], r[1], r[2], 'E', ...r.slice(4)] : r))
    await dialog.locator('input[type=file]').setInputFiles(await writeBankXlsx(join(ARTIFACTS, 'exam-bank-bad.xlsx'), bad))
    await page.locator(sel('bi-parsed')).waitFor()
    await page.locator(sel('bi-dry-run')).click()
    const problems = page.locator(sel('bi-problems'))
    await problems.waitFor()
    const problemRow = problems.locator('.el-table__body .el-table__row').first()
    assert.match(await problemRow.innerText(), /^\s*2\s/, 'the problem is on row 2')
    assert.match(await problemRow.innerText(), new RegExp(BANK[1][1]), 'the row is named by its stem')
    assert.equal(await page.locator(sel('bi-submit')).isDisabled(), true, 'no import after a failed check')
    await shot(page, '59-bank-import-problems')

    await dialog.locator('input[type=file]').setInputFiles(file)
    await page.locator(sel('bi-parsed')).waitFor()
    assert.match(await page.locator(sel('bi-parsed')).innerText(), new RegExp(`${BANK.length}`))
    await page.locator(sel('bi-dry-run')).click()
    await page.locator(sel('bi-check')).waitFor()
    assert.match(await page.locator(sel('bi-check')).innerText(), new RegExp(`将导入 ${BANK.length} 题`))
    const dry = (await call('GET', `/questions?work_type_id=${workType.id}&limit=1`, undefined, organiser.token, 200)).body
    assert.equal(dry.total, 0, 'the dry run saved nothing')
    await shot(page, '60-bank-import-checked')
    await page.locator(sel('bi-submit')).click()
    await page.locator(sel('bi-done')).waitFor()
    await shot(page, '61-bank-imported')
    await dialog.locator('.el-dialog__headerbtn').click()
    await dialog.waitFor({ state: 'hidden' })
    await pickOption(page, 'bank-filter-wt', exact(workType.name))
    await page.waitForFunction((n) => /共 (\d+) 条/.exec(document.querySelector('[data-test="bank-total"]').textContent)?.[1] === String(n), BANK.length)
    await page.locator(`${sel('bank-table')} .el-table__row`, { hasText: '我国工频交流电的频率是多少' }).waitFor()
    const saved = (await call('GET', `/questions?work_type_id=${workType.id}&limit=50`, undefined, organiser.token, 200)).body
    assert.equal(saved.total, BANK.length)
    await shot(page, '62-bank-list')
  })
})

test('organiser builds a blueprint exam, adds the worker and publishes', { timeout: 120000 }, async () => {
  await withShotOnFailure(page, 'exams-create', async () => {
    await page.locator(sel('menu-exams')).click()
    await page.locator(sel('exams-page')).waitFor()
    await page.locator(sel('exam-create')).click()
    await page.locator(sel('exam-dialog')).waitFor({ state: 'visible' })
    await page.locator(sel('xf-title')).fill(`${workType.name}理论考试${RUN}`)
    await pickOption(page, 'xf-work-type', exact(workType.name))
    await page.locator(`${sel('xf-duration')} input`).fill('30')
    // Blueprint: 3 single choice, then one of each other type; 2 marks each.
    await page.locator(`${sel('bp-count-0')} input`).fill('3')
    const rows = [['多选题', 1], ['判断题', 1], ['填空题', 1], ['简答题', 1]]
    for (let i = 0; i < rows.length; i++) {
      await page.locator(sel('bp-add')).click()
      await pickOption(page, `bp-type-${i + 1}`, rows[i][0])
      await page.locator(`${sel('bp-count-' + (i + 1))} input`).fill(String(rows[i][1]))
    }
    await page.locator(sel('xf-title')).click()
    assert.match(await page.locator(sel('bp-total')).innerText(), /14/)
    await shot(page, '63-exam-dialog')
    await page.locator(sel('xf-save')).click()
    await page.locator(sel('exam-detail')).waitFor()
    examId = /\/exams\/(\d+)/.exec(page.url())[1]
    assert.equal(await page.locator(sel('exam-status')).getAttribute('data-status'), 'draft')

    // Publishing without candidates is refused with the server's message.
    await page.locator(sel('exam-publish')).click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator(sel('publish-error')).waitFor()
    await page.locator(sel('publish-error')).locator('.el-alert__close-btn').click()

    await page.locator(sel('exam-add-candidates')).click()
    await page.locator(sel('candidates-dialog')).waitFor({ state: 'visible' })
    await page.locator(sel('cand-q')).fill(worker.employee_no)
    await page.locator(sel('cand-search')).click()
    const row = page.locator(`${sel('cand-table')} .el-table__row`, { hasText: worker.name })
    await row.waitFor()
    await row.locator('.el-checkbox').click()
    await page.locator(sel('cand-add')).click()
    await page.locator(sel('candidates-dialog')).waitFor({ state: 'hidden' })
    await page.waitForFunction(() => document.querySelector('[data-test="exam-candidates"]').textContent.trim() === '1')

    await page.locator(sel('exam-publish')).click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.waitForFunction(() => document.querySelector('[data-test="exam-status"]').getAttribute('data-status') === 'published')
    await page.locator(`${sel('sessions-table')} .el-table__row`, { hasText: worker.name }).waitFor()
    await shot(page, '64-exam-published')
  })
})

test('organiser adds two practice levels for the work type', { timeout: 60000 }, async () => {
  await withShotOnFailure(page, 'exams-levels', async () => {
    await page.locator(sel('menu-practice-levels')).click()
    await page.locator(sel('levels-page')).waitFor()
    await pickOption(page, 'levels-work-type', exact(workType.name))
    for (const [name, count] of [['安全入门', 4], ['基础提高', 5]]) {
      await page.locator(sel('level-create')).click()
      await page.locator(sel('level-dialog')).waitFor({ state: 'visible' })
      await page.locator(sel('lf-name')).fill(name)
      await page.locator(`${sel('lf-count')} input`).fill(String(count))
      await page.locator(`${sel('lf-pass')} input`).fill('50')
      await page.locator(sel('lf-name')).click()
      await page.locator(sel('lf-save')).click()
      await page.locator(sel('level-dialog')).waitFor({ state: 'hidden' })
      await page.locator(`${sel('levels-table')} .el-table__row`, { hasText: name }).waitFor()
    }
    await shot(page, '65-practice-levels')
  })
})

/** The state of the page's save indicator: saved, saving, offline, error or fatal. */
const saveState = () => phone.locator(sel('save-state')).getAttribute('data-state')
async function waitSaveState(state, timeout = 15000) {
  await phone.waitForFunction((s) => document.querySelector('[data-test="save-state"]')?.getAttribute('data-state') === s, state, { timeout })
}
async function goToQuestion(i) {
  await phone.locator(sel('nav-open')).click()
  await phone.locator(sel('nav-' + i)).click()
  await phone.locator(sel('question-' + i)).waitFor()
}

test('the worker sits the exam on a phone: autosave, reload, offline queue, submit', { timeout: 180000 }, async () => {
  await withShotOnFailure(phone, 'exams-phone', async () => {
    await phone.goto(env.baseUrl + '/login')
    await phone.locator(sel('login-username')).fill(workerUser.username)
    await phone.locator(sel('login-password')).fill(PASSWORD)
    await phone.locator(sel('login-submit')).click()
    await phone.locator(sel('menu-toggle')).click()
    await phone.locator(`.nav-drawer ${sel('menu-my-exams')}`).click()
    await phone.locator(sel('my-exams-page')).waitFor()
    const card = phone.locator(sel('my-exam-' + examId))
    await card.waitFor()
    assert.equal(await card.getAttribute('data-state'), 'open')
    await shot(phone, '66-phone-my-exams')
    await card.locator(sel('my-exam-start')).click()

    await phone.locator(sel('question-0')).waitFor()
    const seconds = Number(await phone.locator(sel('exam-clock')).getAttribute('data-seconds'))
    assert.ok(seconds > 25 * 60 && seconds <= 30 * 60, `the countdown starts near 30 minutes (${seconds})`)
    sessionId = await phone.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('skb.exam.answers.')).slice('skb.exam.answers.'.length))
    const total = await phone.locator(sel('nav-open')).innerText()
    assert.match(total, /0\/7/)

    // Three answers, each saved (choices at once, typing after a pause).
    for (let i = 0; i < 3; i++) {
      await answerShown(phone)
      await waitSaveState('saved')
      await phone.locator(sel('q-next')).click()
      await phone.locator(sel('question-' + (i + 1))).waitFor()
    }
    assert.match(await phone.locator(sel('nav-open')).innerText(), /3\/7/)
    await shot(phone, '67-phone-question')

    // Another phone of the same worker is refused while this one is in use (server's message).
    const other = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    try {
      const p2 = await other.newPage()
      await p2.goto(env.baseUrl + '/login')
      await p2.locator(sel('login-username')).fill(workerUser.username)
      await p2.locator(sel('login-password')).fill(PASSWORD)
      await p2.locator(sel('login-submit')).click()
      await p2.locator(sel('menu-toggle')).waitFor()
      await p2.goto(`${env.baseUrl}/me/exams/${examId}`)
      const blocked = p2.locator(sel('exam-blocked'))
      await blocked.waitFor()
      assert.equal(await blocked.getAttribute('data-code'), 'session_in_use')
      assert.match(await p2.locator(sel('exam-blocked-message')).innerText(), /该考试正在另一台设备上进行/)
      await shot(p2, '67b-phone-session-in-use')
    } finally {
      await other.close()
    }

    // Integrity: the window loses focus and comes back; a copy of the question text is refused.
    await phone.evaluate(() => {
      window.dispatchEvent(new Event('blur'))
      window.dispatchEvent(new Event('focus'))
      const stem = document.querySelector('[data-test="question-stem"]')
      const copy = new Event('copy', { bubbles: true, cancelable: true })
      stem.dispatchEvent(copy)
      window.__copyBlocked = copy.defaultPrevented
    })
    assert.equal(await phone.evaluate(() => window.__copyBlocked), true, 'copying the question is prevented')
    assert.equal(await phone.locator(sel('question-stem')).evaluate((el) => getComputedStyle(el).userSelect), 'none')

    // Reload mid-exam without the local copy: the answers come back from the server.
    await phone.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('skb.exam.answers.')) localStorage.removeItem(k)
    })
    await phone.reload()
    await phone.locator(sel('question-3')).waitFor()
    assert.match(await phone.locator(sel('nav-open')).innerText(), /3\/7/, 'three answers restored')
    await goToQuestion(0)
    assert.equal(await phone.locator(`${sel('question-0')} button.option[aria-pressed="true"]`).count() > 0, true, 'the first choice is restored')
    await shot(phone, '68-phone-restored')

    // Offline: the answer waits in localStorage (离线待发送) and goes out on reconnect.
    await goToQuestion(3)
    await phoneContext.setOffline(true)
    await answerShown(phone)
    await waitSaveState('offline')
    assert.match(await phone.locator(sel('save-state')).innerText(), /离线待发送/)
    const pending = await phone.evaluate((sid) => {
      const v = JSON.parse(localStorage.getItem('skb.exam.answers.' + sid))
      return Object.keys(v.seq).filter((q) => v.seq[q] > (v.saved[q] || 0)).length
    }, sessionId)
    assert.equal(pending, 1, 'one answer queued in localStorage')
    await shot(phone, '69-phone-offline')
    await phoneContext.setOffline(false)
    await waitSaveState('saved', 20000)
    assert.equal(await saveState(), 'saved')

    // The rest but one (not the short answer: that one waits for a marker), then 交卷: the dialog
    // names the unanswered question.
    let skipped = -1
    for (let i = 4; i < 7; i++) {
      await goToQuestion(i)
      const type = await phone.locator(sel('question-' + i)).getAttribute('data-type')
      if (skipped < 0 && type !== 'short_answer') skipped = i
      else await answerShown(phone)
    }
    await waitSaveState('saved')
    await phone.locator(sel('submit-open')).click()
    await phone.locator(sel('submit-dialog')).waitFor({ state: 'visible' })
    assert.match(await phone.locator(sel('submit-unanswered')).innerText(), /1 题未作答/)
    assert.equal((await phone.locator(`${sel('submit-dialog')} .list .el-button`).innerText()).trim(), String(skipped + 1))
    await shot(phone, '70-phone-submit-confirm')
    await phone.locator(sel('submit-confirm')).click()
    await phone.locator(sel('exam-result')).waitFor()
    const score = await phone.locator(sel('exam-score')).innerText()
    assert.match(score, /\d+(\.\d+)?\s*\/\s*14/)
    assert.match(await phone.locator(sel('exam-pending-manual')).innerText(), /1 道简答题待人工评分/)
    await shot(phone, '71-phone-result')

    const mine = (await call('GET', '/me/exams', undefined, workerUser.token, 200)).body.items.find((e) => String(e.id) === String(examId))
    assert.equal(mine.state, 'submitted')
    assert.ok(Number(mine.score) > 0, 'right answers scored')
  })
})

test('the organiser sees the session, its integrity events and the item statistics', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'exams-organiser-review', async () => {
    await page.goto(`${env.baseUrl}/exams/${examId}?tab=sessions`)
    const row = page.locator(`${sel('sessions-table')} .el-table__row`, { hasText: worker.name })
    await row.waitFor()
    assert.match(await row.locator(sel('session-status')).innerText(), /已交卷/)
    const events = row.locator(sel('session-events'))
    assert.ok(Number((await events.innerText()).match(/\d+/)[0]) >= 3, 'blur, focus and copy were recorded')
    await events.click()
    await page.locator(`${sel('events-table')} .el-table__row`).first().waitFor()
    const log = await page.locator(sel('events-table')).innerText()
    assert.match(log, /尝试复制/)
    assert.match(log, /切出窗口/)
    await shot(page, '72-exam-integrity-events')
    await page.keyboard.press('Escape')

    // 阅卷: the short answer, without the candidate's name; 3 of its 4 marks.
    await page.locator(sel('tab-grading')).click()
    const item = page.locator(sel('grading-item')).first()
    await item.waitFor()
    const itemText = await item.innerText()
    assert.match(itemText, /停电检修/)
    assert.doesNotMatch(itemText, new RegExp(worker.name), 'graded blind')
    await item.locator(`${sel('grading-input')} input`).fill('3')
    await item.locator(sel('grading-save')).click()
    await page.locator(sel('grading-item')).first().waitFor({ state: 'detached' })
    await shot(page, '73-exam-graded')
    const after = (await call('GET', `/exams/${examId}/sessions`, undefined, organiser.token, 200)).body.items.find((r) => r.worker_id === worker.id)
    assert.equal(after.pending_manual, 0)

    await page.locator(sel('tab-stats')).click()
    await page.locator(`${sel('stats-chart')} canvas`).waitFor()
    await page.locator(`${sel('stats-table')} .el-table__row`).first().waitFor()
    assert.ok(await page.locator(sel('stats-summary')).isVisible())
    await page.waitForTimeout(600)
    await shot(page, '74-exam-item-statistics')
  })
})

test('the worker plays practice level 1, reads the feedback and finds themselves on the leaderboard', { timeout: 120000 }, async () => {
  await withShotOnFailure(phone, 'exams-practice', async () => {
    await phone.locator(sel('menu-toggle')).click()
    await phone.locator(`.nav-drawer ${sel('menu-practice')}`).click()
    await phone.locator(sel('practice-page')).waitFor()
    await phone.locator(sel('practice-wt-' + workType.id)).click()
    await phone.locator(sel('level-map')).waitFor()
    await phone.locator(sel('level-1')).waitFor()
    assert.equal(await phone.locator(sel('level-1')).getAttribute('data-state'), 'unlocked')
    assert.equal(await phone.locator(sel('level-2')).getAttribute('data-state'), 'locked')
    await shot(phone, '75-phone-level-map')
    await phone.locator(sel('level-start-1')).click()
    await phone.locator(sel('practice-play')).waitFor()
    const n = Number((await phone.locator(sel('play-progress')).innerText()).split('/')[1])
    assert.equal(n, 4)
    for (let i = 0; i < n; i++) {
      // The first answer is deliberately wrong: it goes into the wrong-answer book.
      await answerShown(phone, { wrong: i === 0 })
      if (i < n - 1) {
        await phone.locator(sel('play-next')).click()
        await phone.locator(sel('question-' + (i + 1))).waitFor()
      }
    }
    await phone.locator(sel('play-submit')).click()
    await phone.locator(sel('practice-outcome')).waitFor()
    await phone.locator(sel('feedback')).waitFor()
    assert.match(await phone.locator(sel('feedback-verdict')).innerText(), /答错/, 'the first question is marked wrong')
    await shot(phone, '76-phone-practice-feedback')
    await phone.locator(sel('play-next')).click()
    assert.match(await phone.locator(sel('feedback-verdict')).innerText(), /答对/)
    await phone.locator(sel('practice-done')).click()

    await phone.locator(sel('tab-wrong')).click()
    await phone.locator(sel('wrong-book-item')).first().waitFor()
    await phone.locator(sel('tab-board')).click()
    await phone.locator(sel('leaderboard-me')).waitFor()
    await phone.locator(sel('leaderboard-row'), { hasText: worker.name }).first().waitFor()
    assert.match(await phone.locator(sel('leaderboard-me')).innerText(), /第 1 名/)
    await shot(phone, '77-phone-leaderboard')
  })
})
