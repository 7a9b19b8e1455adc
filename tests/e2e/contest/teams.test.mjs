// Team events (团体赛) in the browser. Set-up through the API: an organiser, a competition with one
// venue and a welding event of three a team (team_size 3), open for registration. In the UI the
// organiser registers a team in the 报名 dialog — the team name and then the member count are asked
// for before anything is sent; three members picked in order, the first the captain (队长) — and finds
// it in the entrants table with its members (GET entries agrees: team_name, worker_name = the team,
// members captain first). The next dialog offers the first team's members disabled (已报名); when
// another team, registered over the API meanwhile, has taken one of the members chosen, the dialog
// shows the server's duplicate message naming that worker. The entry cards show each team with its
// members.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startEnv } from '../lib/env.mjs'
import { newPage, login, sel, shot, withShotOnFailure } from '../lib/ui.mjs'
import { apiCaller, createStaff, PASSWORD } from '../lib/competition.mjs'

let env
let call
const users = {}
let comp, venue, event, workers
const TEAM = '焊工一队'
const rowsOf = (table) => `${sel(table)} .el-table__body .el-table__row`

before(async () => {
  env = await startEnv('teams')
  call = apiCaller(env)
  const root = (await call('GET', '/orgs', undefined, env.adminToken, 200)).body.items.find((o) => o.parent_id === null)
  const welding = (await call('GET', '/work-types', undefined, env.adminToken, 200)).body.items.find((w) => w.name === '焊工')
  assert.ok(welding, 'the demo has welders')
  Object.assign(users, await createStaff(env, call, root.id, 'e2e.team', [['organiser', 'organiser', '赛事组织者']]))
  const org = users.organiser.token
  comp = (await call('POST', '/competitions', {
    name: '2026年温州市焊工团体赛', level: 'city', organiser_org_id: root.id, starts_on: '2026-11-20', ends_on: '2026-11-30'
  }, org, 201)).body
  venue = (await call('POST', `/competitions/${comp.id}/venues`, { name: '鹿城赛区', city: '温州' }, org, 201)).body
  event = (await call('POST', `/competitions/${comp.id}/events`, {
    name: '焊工团体', work_type_id: welding.id, team_size: 3, total_mode: 'raw_sum', tie_breaks: ['practical_higher'], venue_ids: [venue.id]
  }, org, 201)).body
  assert.equal(event.team_size, 3)
  await call('POST', `/competitions/${comp.id}/status`, { status: 'registration' }, org, 200)
  // Two teams of three in the browser and one over the API sharing a member with the second.
  workers = (await call('GET', `/workers?work_type_id=${welding.id}&limit=50`, undefined, env.adminToken, 200)).body.items
  assert.ok(workers.length >= 8, `the demo has eight welders (${workers.length})`)
}, { timeout: 180000 })

after(async () => {
  if (env) await env.stop()
})

/**
 * Picks a member in the dialog by employee number (the server's search matches it exactly). Typing
 * opens the remote list; unlike pickOption it never clicks the select itself, where the tags of the
 * members already chosen (with their remove buttons) sit.
 */
async function pickMember(p, w) {
  await p.locator(`${sel('ef-members')} input`).first().fill(w.employee_no)
  await p.locator('.entry-worker-popper .el-select-dropdown__item:visible', { hasText: w.employee_no }).first().click()
}

test('the organiser registers a team of three and is refused a member another team has taken', { timeout: 120000 }, async () => {
  const [a, b, c, d, e, f, g, h] = workers
  const p = await newPage(env)
  try {
    await withShotOnFailure(p, 'teams-register', async () => {
      await login(p, env.baseUrl, users.organiser.username, PASSWORD)
      await p.goto(`${env.baseUrl}/events/${event.id}?tab=entries`)
      await p.locator(sel('entries-tab')).waitFor()
      assert.match(await p.locator(sel('event-team-size')).innerText(), /每队 3 人/)

      // The team name first, then exactly three members, before anything is sent.
      await p.locator(sel('entry-register')).click()
      const dialog = p.locator(sel('entry-dialog'))
      await dialog.locator(sel('ef-team-name')).waitFor({ state: 'visible' })
      assert.match(await dialog.innerText(), /团体报名/)
      await dialog.locator(sel('entry-save')).click()
      assert.match(await dialog.locator(sel('entry-error')).innerText(), /请填写队名/)
      await dialog.locator(sel('ef-team-name')).fill(TEAM)
      await pickMember(p, a)
      await pickMember(p, b)
      await dialog.locator(sel('entry-save')).click()
      await p.waitForFunction(() => /请选择 3 名队员（已选 2 名）/.test(document.querySelector('[data-test="entry-error"]').textContent))
      await pickMember(p, c)
      // In the order chosen: the first is the captain.
      const order = await dialog.locator(sel('ef-member')).allInnerTexts()
      assert.equal(order.length, 3)
      assert.ok(order[0].includes(a.name) && order[0].includes('队长'), order[0])
      assert.ok(order[1].includes(b.name) && order[2].includes(c.name), JSON.stringify(order))
      await shot(p, '80-team-dialog')
      await dialog.locator(sel('entry-save')).click()
      await dialog.locator(sel('ef-team-name')).waitFor({ state: 'hidden' })

      // The table: the team name, its members beneath, the captain marked.
      const row = p.locator(rowsOf('entries-table'), { hasText: TEAM })
      await row.waitFor()
      assert.equal((await row.locator(sel('entry-team-name')).innerText()).trim(), TEAM)
      const members = await row.locator(sel('entry-member')).allInnerTexts()
      assert.equal(members.length, 3)
      assert.deepEqual(members.map((m) => m.replace('队长', '').trim()), [a.name, b.name, c.name])
      assert.equal(await row.locator(`${sel('entry-member')} >> nth=0 >> ${sel('entry-captain')}`).count(), 1)
      assert.equal(await row.locator(sel('entry-captain')).count(), 1)
      await shot(p, '81-team-entries')
      const entries = (await call('GET', `/events/${event.id}/entries`, undefined, users.organiser.token, 200)).body.items
      assert.equal(entries.length, 1)
      assert.equal(entries[0].team_name, TEAM)
      assert.equal(entries[0].worker_name, TEAM)
      assert.equal(String(entries[0].worker_id), String(a.id))
      assert.deepEqual(entries[0].members.map((m) => [String(m.worker_id), m.captain]), [[String(a.id), true], [String(b.id), false], [String(c.id), false]])
      // The search box matches member names too.
      await p.locator(sel('entries-filter')).fill(c.name)
      await row.waitFor()
      await p.locator(sel('entries-filter')).fill('')

      // The next team: the first team's members are offered disabled.
      await p.locator(sel('entry-register')).click()
      await dialog.locator(sel('ef-team-name')).waitFor({ state: 'visible' })
      assert.equal(await dialog.locator(sel('ef-member')).count(), 0, 'a new dialog starts empty')
      await dialog.locator(sel('ef-team-name')).fill('焊工二队')
      await p.locator(`${sel('ef-members')} input`).first().fill(a.employee_no)
      const taken = p.locator('.entry-worker-popper .el-select-dropdown__item.is-disabled:visible', { hasText: a.employee_no })
      await taken.waitFor()
      assert.match(await taken.innerText(), /已报名/)
      await pickMember(p, d)
      await pickMember(p, e)
      await pickMember(p, f)
      // Meanwhile another team takes f: the server refuses the dialog's team and names f.
      await call('POST', `/events/${event.id}/entries`, { team_name: '焊工三队', member_ids: [f.id, g.id, h.id], venue_id: venue.id }, users.organiser.token, 201)
      await dialog.locator(sel('entry-save')).click()
      const err = dialog.locator(sel('entry-error'))
      await p.waitForFunction((name) => (document.querySelector('[data-test="entry-error"]') || {}).textContent?.includes(name), f.name)
      assert.doesNotMatch(await err.innerText(), /请选择|请填写/, 'the server answered, not the form check')
      assert.doesNotMatch(await err.innerText(), /[A-Za-z]{4,}/, 'only the Chinese half in zh-CN')
      await shot(p, '82-team-duplicate')
      const after = (await call('GET', `/events/${event.id}/entries`, undefined, users.organiser.token, 200)).body.items
      assert.deepEqual(after.map((x) => x.team_name).sort(), ['焊工一队', '焊工三队'].sort())
      assert.ok(!after.some((x) => x.members.some((m) => String(m.worker_id) === String(d.id))), 'nothing registered for the refused team')
      await dialog.locator('.el-dialog__headerbtn').click()
      await dialog.locator(sel('ef-team-name')).waitFor({ state: 'hidden' })

      // The entry cards: each team with its members, the captain marked.
      await p.goto(`${env.baseUrl}/events/${event.id}/cards`)
      await p.waitForFunction(() => document.querySelectorAll('[data-test="entry-card"]').length === 2)
      const card = p.locator(sel('entry-card'), { hasText: TEAM })
      assert.equal((await card.locator(sel('entry-card-name')).innerText()).trim(), TEAM)
      const cardMembers = await card.locator(`${sel('entry-card-members')} ${sel('entry-member')}`).allInnerTexts()
      assert.deepEqual(cardMembers.map((m) => m.replace('队长', '').trim()), [a.name, b.name, c.name])
      await shot(p, '83-team-cards')
    })
  } finally {
    await p.context().close()
  }
})
