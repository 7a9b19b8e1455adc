// Text people type never becomes markup in a chart's tooltip (ECharts tooltips are HTML). Set-up over
// the API: a work type named with markup and eight new workers of it (two of them electricians with
// accounts), and a fresh 电工 exam of two true/false questions whose stems are markup — one a <b> with
// an id, one an <img> whose onerror would set window.__xss — sat by the two. The organiser opens the
// exam's 试题分析 tab and hovers each point of the p/D chart: the tooltip shows the stem as literal
// text, no #injected-stem or <img> exists in the page, window.__xss stays undefined and no script was
// refused by the CSP (the refusal would mean the markup was parsed). Then the 首页 pie of workers by
// work type: the hovered slice's tooltip ('{b}: {c} ({d}%)', encoded by ECharts itself) shows the
// work type's name as text.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, login, sel, shot, withShotOnFailure } from '../lib/ui.mjs'
import { RUN, validId, phone } from '../lib/data.mjs'
import { apiCaller, userMaker, PASSWORD } from '../lib/competition.mjs'
import { rightResponse } from '../lib/exams.mjs'

// Both within the chart's 30 characters of stem (longer stems are cut with …).
const STEM_BOLD = '<b id="injected-stem">粗体</b>对吗'
const STEM_IMG = '<img src=x onerror=__xss=1>对吗'
const TYPE_NAME = '<b id="injected-type">工种</b>'
const TYPE_WORKERS = 8

let env, call, createUser, page
let organiser, electrician, markupType, exam, questions
const sitters = [] // { worker, user }

const iso = (seconds) => new Date(Date.now() + seconds * 1000).toISOString()


/** A true/false question of the electricians with `stem`, made like the demo's `model` (options, marks). */
async function createQuestion(stem, model) {
  const body = {
    work_type_id: electrician.id,
    type: 'true_false',
    stem,
    options: model.options.map((o) => ({ text: o.text, correct: o.correct })),
    marks: model.marks,
    difficulty: model.difficulty,
    dimension_id: model.dimension_id,
    skill_level: model.skill_level,
    category: model.category || ''
  }
  const r = await call('POST', '/questions', body, organiser.token, 201)
  assert.equal(r.body.stem, stem, 'the stem is stored as typed')
  return r.body
}

/** Sits the exam over the API; `wrong(stem)` says which questions to answer wrongly. */
async function sit(user, wrong) {
  const device_id = `e2e-${user.username}`
  const start = await call('POST', `/exams/${exam.id}/start`, { device_id }, user.token, 200)
  const answers = start.body.questions.map((q) => ({ question: q.id, response: rightResponse(q, questions, { wrong: wrong(q.stem) }) }))
  await call('POST', `/exam-sessions/${start.body.session.id}/submit`, { device_id, answers }, user.token, 200)
}

/** Collects, before any page script runs, what the CSP refused (it would refuse an injected onerror). */
async function watchCsp(p) {
  await p.addInitScript(() => {
    window.__cspRefused = []
    document.addEventListener('securitypolicyviolation', (e) => window.__cspRefused.push(`${e.violatedDirective} ${e.sample || ''}`))
  })
}

/** The chart's ECharts tooltip (an absolutely placed div of z-index 9999999 inside it) while shown, else null. */
const tooltipOf = (chart) =>
  page.evaluate((s) => {
    const tip = [...(document.querySelector(s)?.querySelectorAll('div') || [])].find((d) => d.style.zIndex === '9999999')
    if (!tip || tip.style.display === 'none' || tip.style.visibility === 'hidden' || tip.style.opacity === '0') return null
    return { text: tip.innerText, html: tip.innerHTML }
  }, chart)

/**
 * Moves the mouse to (x, y), then in widening squares around it (up to `reach` px), until the chart's
 * tooltip satisfies `wanted`; resolves with that tooltip, or throws with the last one seen.
 */
async function hoverUntil(chart, x, y, wanted, reach = 24) {
  let last = null
  for (let r = 0; r <= reach; r += 3) {
    const ring = r === 0 ? [[0, 0]] : []
    for (let d = -r; d <= r; d += 3) ring.push([d, -r], [d, r], [-r, d], [r, d])
    for (const [dx, dy] of ring) {
      await page.mouse.move(x + dx, y + dy)
      await page.waitForTimeout(30)
      last = await tooltipOf(chart)
      if (last && wanted(last)) return last
    }
  }
  throw new Error(`no tooltip as wanted near (${x}, ${y}); last seen: ${JSON.stringify(last)}`)
}

/** What an injected tag would leave behind in the page. */
const injected = () =>
  page.evaluate(() => ({
    stem: !!document.getElementById('injected-stem'),
    type: !!document.getElementById('injected-type'),
    img: !!document.querySelector('img[onerror]'),
    xss: window.__xss,
    refused: window.__cspRefused || []
  }))

before(async () => {
  env = await startEnv('chart-escaping')
  call = apiCaller(env)
  createUser = userMaker(env, call, 'escape')
  const orgs = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items
  const root = orgs.find((o) => o.parent_id === null)
  const enterprise = orgs.find((o) => o.kind === 'enterprise')
  organiser = await createUser('organiser', [{ role: 'organiser', org_id: root.id }])
  electrician = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items.find((w) => w.name === '电工')
  assert.ok(electrician, 'the demo has electricians')

  // The work type named with markup and its workers; the first two are electricians too and sit the exam.
  markupType = (await call('POST', '/work-types', { code: `ESC${RUN}`, name: TYPE_NAME }, organiser.token, 201)).body
  assert.equal(markupType.name, TYPE_NAME)
  for (let i = 0; i < TYPE_WORKERS; i++) {
    const w = (await call('POST', '/workers', {
      name: `转义${i + 1}`, employee_no: `ESC-${RUN}-${i}`, org_id: enterprise.id, skill_level: 'senior',
      phone: phone(7700 + i), id_number: validId('19850707', 700 + i),
      work_type_ids: i < 2 ? [markupType.id, electrician.id] : [markupType.id]
    }, organiser.token, 201)).body
    if (i < 2) sitters.push({ worker: w, user: await createUser(`sitter${i}`, [{ role: 'worker', org_id: enterprise.id }], { display_name: w.name, worker_id: w.id }) })
  }

  // Two questions with markup stems, modelled on a true/false question of the demo's 电工 bank.
  const model = (await call('GET', `/questions?work_type_id=${electrician.id}&type=true_false&limit=1`, undefined, organiser.token, 200)).body.items[0]
  assert.ok(model, 'the demo bank has a true/false question')
  await createQuestion(STEM_BOLD, model)
  await createQuestion(STEM_IMG, model)
  questions = (await call('GET', `/questions?work_type_id=${electrician.id}&type=true_false&limit=200`, undefined, organiser.token, 200)).body.items
    .filter((q) => q.stem === STEM_BOLD || q.stem === STEM_IMG)
  assert.equal(questions.length, 2)

  exam = (await call('POST', '/exams', {
    title: `转义测试${RUN}`, work_type_id: electrician.id, opens_at: iso(-120), closes_at: iso(3600), duration_minutes: 20,
    paper: { mode: 'fixed', question_ids: questions.map((q) => q.id) }
  }, organiser.token, 201)).body
  await call('POST', `/exams/${exam.id}/candidates`, { worker_ids: sitters.map((s) => s.worker.id) }, organiser.token, 200)
  await call('POST', `/exams/${exam.id}/publish`, undefined, organiser.token, 200)
  // The first gets the <b> question right, the second nothing: p 0.5 / D 1 and p 0 / D 0, two points apart.
  await sit(sitters[0].user, (stem) => stem === STEM_IMG)
  await sit(sitters[1].user, () => true)

  page = await newPage(env)
  await watchCsp(page)
}, { timeout: 240000 })

after(async () => {
  if (page) await page.context().close().catch(() => {})
  if (env) await env.stop()
})

test('试题分析: the chart tooltip shows a stem with markup as text', { timeout: 120000 }, async () => {
  await withShotOnFailure(page, 'escaping-stats-tooltip', async () => {
    const stats = (await call('GET', `/exams/${exam.id}/statistics`, undefined, organiser.token, 200)).body
    const item = (stem) => stats.items.find((i) => i.stem === stem)
    assert.ok(item(STEM_BOLD) && item(STEM_IMG), 'both questions are in the statistics')
    assert.notDeepEqual([item(STEM_BOLD).p, item(STEM_BOLD).discrimination], [item(STEM_IMG).p, item(STEM_IMG).discrimination], 'two points apart')

    await login(page, env.baseUrl, organiser.username, PASSWORD)
    await page.goto(`${env.baseUrl}/exams/${exam.id}`)
    await page.locator(sel('exam-detail')).waitFor()
    await page.locator(sel('tab-stats')).click()
    const chart = sel('stats-chart')
    await page.locator(`${chart} canvas`).waitFor()
    await page.locator(`${sel('stats-table')} .el-table__row`).nth(1).waitFor()
    await page.waitForTimeout(300)

    // Where StatsTab's grid puts a point: left 50, right 20, top 36, bottom 44; p on 0…1, D on -0.5…1.
    const box = await page.locator(chart).boundingBox()
    const at = (i) => [box.x + 50 + Number(i.p) * (box.width - 70), box.y + 36 + ((1 - Number(i.discrimination)) / 1.5) * (box.height - 80)]

    // The tooltip of that point (its figures), whatever it shows for the stem.
    const figures = (i) => (tip) => tip.text.includes(`p = ${Number(i.p).toFixed(2)}, D = ${Number(i.discrimination).toFixed(2)}`)

    const bold = await hoverUntil(chart, ...at(item(STEM_BOLD)), figures(item(STEM_BOLD)))
    assert.ok(bold.text.includes(STEM_BOLD), `the tooltip shows the stem as typed: ${JSON.stringify(bold.text)}`)
    assert.ok(!/<b[\s>]/i.test(bold.html), `no <b> element in the tooltip: ${bold.html}`)
    await shot(page, '90-escaped-stats-tooltip')
    let found = await injected()
    assert.equal(found.stem, false, 'no element #injected-stem in the page')

    const img = await hoverUntil(chart, ...at(item(STEM_IMG)), figures(item(STEM_IMG)))
    assert.ok(img.text.includes(STEM_IMG), `the tooltip shows the stem as typed: ${JSON.stringify(img.text)}`)
    assert.ok(!/<img/i.test(img.html), `no <img> element in the tooltip: ${img.html}`)
    await page.waitForTimeout(300) // an <img src=x> would have failed to load by now
    found = await injected()
    assert.deepEqual(found, { stem: false, type: false, img: false, xss: undefined, refused: [] })
  })
})

test('首页: the pie of workers by work type shows a work type named with markup as text', { timeout: 90000 }, async () => {
  await withShotOnFailure(page, 'escaping-home-pie', async () => {
    // The pie's slices as HomeView draws them: the first 12 work types with workers, most first,
    // clockwise from twelve o'clock.
    const types = (await call('GET', '/work-types', undefined, organiser.token, 200)).body.items.slice(0, 12)
    const slices = []
    for (const w of types) {
      const count = (await call('GET', `/workers?work_type_id=${w.id}&limit=1`, undefined, organiser.token, 200)).body.total
      if (count > 0) slices.push({ id: w.id, count })
    }
    slices.sort((a, b) => b.count - a.count)
    const total = slices.reduce((s, x) => s + x.count, 0)
    const k = slices.findIndex((x) => x.id === markupType.id)
    assert.ok(k >= 0, 'the work type is one of the slices')
    assert.equal(slices[k].count, TYPE_WORKERS)
    const mid = (slices.slice(0, k).reduce((s, x) => s + x.count, 0) + slices[k].count / 2) / total

    await page.goto(`${env.baseUrl}/`)
    await page.locator(sel('home-page')).waitFor()
    const chart = sel('home-work-type-chart')
    await page.locator(`${chart} canvas`).waitFor()
    await page.waitForTimeout(600) // the first layout of the chart
    // center ['38%', '50%'], radius ['40%', '68%'] of half the shorter side: the middle of the ring.
    const box = await page.locator(chart).boundingBox()
    const r = 0.54 * (Math.min(box.width, box.height) / 2)
    const angle = Math.PI / 2 - 2 * Math.PI * mid
    const tip = await hoverUntil(chart, box.x + 0.38 * box.width + r * Math.cos(angle), box.y + 0.5 * box.height - r * Math.sin(angle),
      (t) => t.text.includes('injected-type'), 12)
    assert.ok(tip.text.includes(`${TYPE_NAME}: ${TYPE_WORKERS}`), `the tooltip shows the name as typed: ${JSON.stringify(tip.text)}`)
    assert.ok(!/<b[\s>]/i.test(tip.html), `no <b> element in the tooltip: ${tip.html}`)
    await shot(page, '91-escaped-home-pie-tooltip')
    assert.deepEqual(await injected(), { stem: false, type: false, img: false, xss: undefined, refused: [] })
  })
})
