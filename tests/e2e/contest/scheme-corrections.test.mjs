// 评分标准更正 in the browser. Set-up through the API (lib/competition.mjs: an organiser, three judges and
// a chief judge, a running welding competition whose practical has 焊缝宽度偏差 (measurement, 40, step
// 0.5) and two judgement aspects of 30, and one judge's measurement mark of 30: the scheme is frozen).
// Then the chief judge, in the event's 评分标准 tab: sees the frozen alert and 更正评分标准, enters the
// correction mode (banner) and adds 坡口角度 worth 15 — the server's invalid_scheme problem in the
// editor; lowers 焊缝宽度偏差 to 25 — the dialog shows the server's marks_out_of_range message; 35 and
// 5 with a wrong password — wrong_password; the right password — corrected: the editor is read-only
// again with the corrected scheme, 更正记录 lists the reason and the changes, and the API shows the
// measurement aspect kept its id. The organiser sees the record but no 更正评分标准, and is refused
// (403) over the API.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, login, sel, shot, withShotOnFailure, pickOption } from '../lib/ui.mjs'
import { setUpCompetition, PASSWORD } from '../lib/competition.mjs'

let env
let call, users, event, practical
let m, look, safety, foul
const REASON = '焊缝宽度偏差满分录入有误，应为35分；补充坡口角度'
const field = (p, name) => p.locator(`input${sel(name)}, ${sel(name)} input`).first()
const reasonField = (p) => p.locator(`textarea${sel('correction-reason')}, ${sel('correction-reason')} textarea`).first()
// The aspect table re-renders after the form: wait for the input's state rather than read it once.
const editable = (p, name, yes) => p.locator(`${sel(name)} input${yes ? ':not([disabled])' : '[disabled]'}`).waitFor()
const corrections = (p) => p.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/events/${event.id}/scheme/corrections`))

before(async () => {
  env = await startEnv('scheme-corrections')
  ;({ call, users, event, practical } = await setUpCompetition(env, {
    userPrefix: 'e2e.c',
    // One measurement mark of 30: the scheme is frozen, and 焊缝宽度偏差 must stay worth at least 30.
    plan: ({ m, e0 }) => ({ j1: [[e0, m.id, 30]] })
  }))
  ;[m, look, safety, foul] = practical.aspects
  const ev = (await call('GET', `/events/${event.id}`, undefined, users.chief.token, 200)).body
  assert.equal(ev.scheme_frozen, true)
}, { timeout: 180000 })

after(async () => {
  if (env) await env.stop()
})

/** Submits the open correction dialog and resolves with the server's answer. */
async function submit(p) {
  const [res] = await Promise.all([corrections(p), p.locator(sel('correction-submit')).click()])
  return { status: res.status(), body: await res.json() }
}

test('the chief judge corrects the frozen scheme with a reason and the password', { timeout: 120000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'scheme-correction', async () => {
      await login(p, env.baseUrl, users.chief.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=scheme`)
      const frozen = p.locator(sel('scheme-frozen'))
      await frozen.waitFor()
      assert.match(await frozen.innerText(), /评分标准已冻结/)
      assert.match(await frozen.innerText(), /裁判长可以更正/)
      await editable(p, 'sc-amax-1-0', false) // read-only before the correction mode
      assert.equal(await p.locator(sel('scheme-corrections')).count(), 0, 'no record before the first correction')
      await shot(p, '120-scheme-frozen')

      // The correction mode: the banner, the editor editable again, no import.
      await p.locator(sel('scheme-correct')).click()
      const banner = p.locator(sel('scheme-correction-banner'))
      await banner.waitFor()
      assert.match(await banner.innerText(), /更正模式：已有评分的细项不能删除或改变类型，满分和步长须容纳已有评分；提交需填写原因并输入密码/)
      assert.equal(await p.locator(sel('scheme-frozen')).count(), 0)
      assert.equal(await p.locator(sel('scheme-correct')).count(), 0)
      assert.equal(await p.locator(sel('scheme-import')).count(), 0)
      await editable(p, 'sc-amax-1-0', true)

      // A new measurement 坡口角度 worth 15 while 焊缝宽度偏差 is still 40: the maxima no longer add up,
      // the server's problem is shown in the editor at the component, as for a normal save.
      await p.locator(sel('sc-add-aspect-1')).click()
      const k = practical.aspects.length // the new aspect's row
      await field(p, `sc-crit-1-${k}`).fill('焊缝尺寸')
      await field(p, `sc-aname-1-${k}`).fill('坡口角度')
      await pickOption(p, `sc-akind-1-${k}`, '测量分')
      await field(p, `sc-amax-1-${k}`).fill('15')
      await field(p, `sc-aname-1-${k}`).click() // blur the number input
      assert.match(await p.locator(sel('sc-sum-1')).innerText(), /细项分值合计 115 \/ 满分 100/)
      await p.locator(sel('scheme-correction-save')).click()
      const dialog = p.locator(sel('scheme-correction-dialog'))
      await dialog.waitFor()
      await reasonField(p).fill(REASON)
      await field(p, 'correction-password').fill(PASSWORD)
      let res = await submit(p)
      assert.equal(res.status, 400)
      assert.equal(res.body.error.code, 'invalid_scheme')
      await dialog.waitFor({ state: 'hidden' })
      const problems = p.locator(sel('scheme-problems'))
      await problems.waitFor()
      assert.match(await problems.innerText(), /实操：板对接焊/)
      assert.match(await problems.innerText(), /细项分值之和\(115\.00\)应等于满分\(100\.00\)/)
      await banner.waitFor() // still correcting

      // 焊缝宽度偏差 down to 25: adds up, but below the mark of 30.
      await field(p, 'sc-amax-1-0').fill('25')
      await field(p, `sc-aname-1-${k}`).click()
      assert.match(await p.locator(sel('sc-sum-1')).innerText(), /细项分值合计 100 \/ 满分 100/)
      await shot(p, '121-scheme-correction-mode')
      await p.locator(sel('scheme-correction-save')).click()
      await dialog.waitFor()
      await problems.waitFor({ state: 'detached' })
      assert.equal(await reasonField(p).inputValue(), REASON, 'the reason is kept')
      await field(p, 'correction-password').fill(PASSWORD)
      res = await submit(p)
      assert.equal(res.status, 409)
      assert.equal(res.body.error.code, 'marks_out_of_range')
      const error = p.locator(sel('correction-error'))
      await error.waitFor()
      assert.match(await error.innerText(), /评分细项“焊缝宽度偏差”已有 30 分的评分，满分不能低于它/)
      assert.doesNotMatch(await error.innerText(), /exceeds/, 'only the Chinese half in zh-CN')
      await shot(p, '122-scheme-correction-marks-out-of-range')

      // 35 and 5; a wrong password first.
      await p.locator(sel('correction-cancel')).click()
      await dialog.waitFor({ state: 'hidden' })
      await field(p, 'sc-amax-1-0').fill('35')
      await field(p, `sc-amax-1-${k}`).fill('5')
      await field(p, `sc-aname-1-${k}`).click()
      assert.match(await p.locator(sel('sc-sum-1')).innerText(), /细项分值合计 100 \/ 满分 100/)
      await p.locator(sel('scheme-correction-save')).click()
      await dialog.waitFor()
      assert.equal(await reasonField(p).inputValue(), REASON, 'the reason is kept')
      assert.equal(await field(p, 'correction-password').inputValue(), '', 'the password is not')
      assert.equal(await error.count(), 0)
      await field(p, 'correction-password').fill('Not-The-Password-1')
      res = await submit(p)
      assert.equal(res.status, 400)
      assert.equal(res.body.error.code, 'wrong_password')
      await error.waitFor()
      assert.match(await error.innerText(), /密码错误/)
      assert.doesNotMatch(await error.innerText(), /wrong password/)
      await shot(p, '123-scheme-correction-wrong-password')

      // The right password: corrected.
      await field(p, 'correction-password').fill(PASSWORD)
      res = await submit(p)
      assert.equal(res.status, 201, JSON.stringify(res.body))
      await dialog.waitFor({ state: 'hidden' })
      await p.locator('.el-message--success').first().waitFor()
      await banner.waitFor({ state: 'detached' })
      await frozen.waitFor()
      await editable(p, 'sc-amax-1-0', false) // read-only again
      assert.equal(await field(p, 'sc-amax-1-0').inputValue(), '35')
      assert.equal(await field(p, `sc-aname-1-${k}`).inputValue(), '坡口角度')
      assert.equal(await field(p, `sc-amax-1-${k}`).inputValue(), '5')
      assert.equal(await p.locator(sel('scheme-correction-save')).count(), 0)

      // 更正记录: when, who, why, what.
      const list = p.locator(sel('scheme-corrections'))
      await list.waitFor()
      const items = list.locator(sel('scheme-correction-item'))
      assert.equal(await items.count(), 1)
      const text = await items.first().innerText()
      assert.match(text, new RegExp(REASON))
      assert.match(text, new RegExp(`更正人：${users.chief.username}`))
      assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
      const lines = await items.first().locator(sel('correction-change')).allInnerTexts()
      assert.ok(lines.some((l) => /焊缝宽度偏差 满分：40 → 35/.test(l)), lines.join('\n'))
      assert.ok(lines.some((l) => /新增评分细项 .*坡口角度：5\s*新增/.test(l)), lines.join('\n'))
      await list.scrollIntoViewIfNeeded()
      await shot(p, '124-scheme-corrected')

      // Over the API: corrected in place, the marked aspect keeps its id.
      const ev = (await call('GET', `/events/${event.id}`, undefined, users.chief.token, 200)).body
      const prac = ev.components[1]
      assert.equal(prac.id, practical.id)
      assert.deepEqual(prac.aspects.map((a) => a.id).slice(0, 4), [m.id, look.id, safety.id, foul.id])
      assert.equal(prac.aspects[0].max_mark, 35)
      assert.equal(prac.aspects[0].step, 0.5)
      assert.equal(prac.aspects.length, 5)
      assert.equal(prac.aspects[4].name, '坡口角度')
      assert.equal(prac.aspects[4].kind, 'measurement')
      assert.equal(prac.aspects[4].max_mark, 5)
      const recorded = (await call('GET', `/events/${event.id}/scheme/corrections`, undefined, users.organiser.token, 200)).body.items
      assert.equal(recorded.length, 1)
      assert.equal(recorded[0].reason, REASON)
      assert.equal(recorded[0].corrected_by, users.chief.username)
    })
  } finally {
    await p.context().close()
  }
})

test('the organiser sees the correction record but cannot correct', { timeout: 60000 }, async () => {
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'scheme-correction-organiser', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=scheme`)
      await p.locator(sel('scheme-frozen')).waitFor()
      const list = p.locator(sel('scheme-corrections'))
      await list.waitFor()
      assert.equal(await list.locator(sel('scheme-correction-item')).count(), 1)
      assert.match(await list.innerText(), /焊缝宽度偏差 满分：40 → 35/)
      assert.equal(await p.locator(sel('scheme-correct')).count(), 0)
      assert.doesNotMatch(await p.locator(sel('scheme-frozen')).innerText(), /裁判长可以更正/)
      await editable(p, 'sc-amax-1-0', false)
      // (the login page's GET /me before signing in answers 401)
      assert.deepEqual(p.consoleErrors.filter((e) => !/status of 401/.test(e)), [])
    })
  } finally {
    await p.context().close()
  }
  // Not the chief judge: refused by the server too.
  const ev = (await call('GET', `/events/${event.id}`, undefined, users.organiser.token, 200)).body
  const components = ev.components.map((c) => ({ ...c, aspects: c.aspects.map((a) => ({ ...a })) }))
  components[1].aspects[0].max_mark = 40
  components[1].aspects[1].max_mark = 25
  const body = { components, reason: '组织者更正', password: PASSWORD }
  const refused = await call('POST', `/events/${event.id}/scheme/corrections`, body, users.organiser.token, 403)
  assert.equal(refused.body.error.code, 'forbidden')
})
