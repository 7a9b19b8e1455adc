// Every role × every endpoint: each allow and each deny is asserted.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Instance, idNumber } from './lib/server.mjs'

const app = new Instance()
const tokens = {}
let bankType, root, hrEnterprise, otherEnterprise, hrWorker, farWorker, welding
let seq = 0

before(async () => {
  app.prepare()
  await app.start()
  tokens.admin = await app.login()
  for (const role of ['organiser', 'chief_judge', 'judge', 'worker', 'hr', 'viewer']) {
    const a = app.demoAccounts[role]
    tokens[role] = await app.login(a.username, a.password)
  }
  const orgs = (await app.request('GET', '/api/v1/orgs', { token: tokens.admin })).body.items
  root = orgs.find((o) => o.parent_id === null)
  const hrMe = (await app.request('GET', '/api/v1/me', { token: tokens.hr })).body.user
  hrEnterprise = orgs.find((o) => o.id === hrMe.grants[0].org_id)
  const judgeMe = (await app.request('GET', '/api/v1/me', { token: tokens.judge })).body.user
  // An enterprise outside the judge's industry union.
  otherEnterprise = orgs.find((o) => o.kind === 'enterprise' && !o.path_names.includes(judgeMe.grants[0].org_name))
  welding = (await app.request('GET', '/api/v1/work-types', { token: tokens.admin })).body.items[0]
  bankType = (await app.request('GET', '/api/v1/work-types', { token: tokens.admin })).body.items.find((w) => w.name === '焊工')
  hrWorker = (await app.request('GET', `/api/v1/workers?org_id=${hrEnterprise.id}&limit=1`, { token: tokens.admin })).body.items[0]
  farWorker = (await app.request('GET', `/api/v1/workers?org_id=${otherEnterprise.id}&limit=1`, { token: tokens.admin })).body.items[0]
})
after(async () => { await app.stop(); app.cleanup() })

const ROLES = ['admin', 'organiser', 'chief_judge', 'judge', 'worker', 'hr', 'viewer']
const unique = () => ++seq
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10)
const course = (org) => ({ org_id: org.id, work_type_id: welding.id, name: '矩阵课程' + unique(), provider: '培训中心', mode: 'online', hours: 8, starts_on: daysAgo(10), ends_on: daysAgo(9) })
const assessment = (org, worker) => ({
  title: '矩阵考核' + unique(), org_id: org.id, work_type_id: bankType.id, opens_at: new Date(Date.now() - 60000).toISOString(),
  closes_at: new Date(Date.now() + 86400000).toISOString(), paper: { mode: 'blueprint', rows: [{ type: 'single_choice', count: 1 }] },
  worker_ids: [worker.id],
})
const postModel = (org) => ({ org_id: org.id, work_type_id: welding.id, name: '矩阵岗位' + unique(), targets: [{ dimension_id: welding.dimensions[0].id, target: 60 }] })
const honour = () => ({ kind: 'technical_expert', title: '矩阵技术能手' + unique(), level: 'city', awarded_on: daysAgo(1), issuer: '市总工会' })

// [name, request(role) → {method, path, body}, roles allowed (status), status for the rest]
const MATRIX = [
  ['list organisations', () => ({ method: 'GET', path: '/api/v1/orgs' }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['create an organisation at the top', () => ({ method: 'POST', path: '/api/v1/orgs', body: { name: '矩阵工会' + unique(), kind: 'industry_union', parent_id: root.id } }), ['admin', 'organiser'], 201, 403],
  ['list work types', () => ({ method: 'GET', path: '/api/v1/work-types' }), ROLES, 200, 403],
  ['create a work type', () => { const n = unique(); return { method: 'POST', path: '/api/v1/work-types', body: { code: 'M' + n, name: '矩阵工种' + n, dimensions: [{ name: '维度' }] } } }, ['admin', 'organiser'], 201, 403],
  ['list workers', () => ({ method: 'GET', path: '/api/v1/workers' }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['create a worker in the HR enterprise', () => { const n = unique(); return { method: 'POST', path: '/api/v1/workers', body: { name: '矩阵' + n, employee_no: 'MX-' + n, org_id: hrEnterprise.id, skill_level: 'junior', phone: '1380000' + String(1000 + n), id_number: idNumber('19920202', 600 + n), work_type_ids: [welding.id] } } }, ['admin', 'organiser', 'hr'], 201, 403],
  ['read a worker of the HR enterprise (inside the judge union)', () => ({ method: 'GET', path: `/api/v1/workers/${hrWorker.id}` }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['read a worker outside the judge union', () => ({ method: 'GET', path: `/api/v1/workers/${farWorker.id}` }), ['admin', 'organiser', 'chief_judge', 'viewer'], 200, 403],
  ['reveal personal data', () => ({ method: 'GET', path: `/api/v1/workers/${hrWorker.id}/pii` }), ['admin', 'hr'], 200, 403],
  ['export workers', () => ({ method: 'GET', path: '/api/v1/workers/export' }), ['admin', 'organiser', 'hr'], 200, 403],
  ['list users', () => ({ method: 'GET', path: '/api/v1/users' }), ['admin'], 200, 403],
  ['create a user', () => ({ method: 'POST', path: '/api/v1/users', body: { username: 'mx' + unique(), password: 'Matrix-Pass-1', grants: [{ role: 'viewer', org_id: root.id }] } }), ['admin'], 201, 403],
  ['read the audit log', () => ({ method: 'GET', path: '/api/v1/audit' }), ['admin'], 200, 403],
  ['verify the audit chain', () => ({ method: 'GET', path: '/api/v1/audit/verify' }), ['admin'], 200, 403],
  ['read my own worker record', () => ({ method: 'GET', path: '/api/v1/me/worker' }), ['worker'], 200, 404],
  ['read the portrait of a worker of the HR enterprise', () => ({ method: 'GET', path: `/api/v1/workers/${hrWorker.id}/portrait` }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['read the portrait of a worker outside the judge union', () => ({ method: 'GET', path: `/api/v1/workers/${farWorker.id}/portrait` }), ['admin', 'organiser', 'chief_judge', 'viewer'], 200, 403],
  ['read the evidence behind a portrait outside the judge union', () => ({ method: 'GET', path: `/api/v1/workers/${farWorker.id}/evidence?work_type_id=${welding.id}` }), ['admin', 'organiser', 'chief_judge', 'viewer'], 200, 403],
  ['read my own portrait', () => ({ method: 'GET', path: '/api/v1/me/portrait' }), ['worker'], 200, 404],
  ['search talent', () => ({ method: 'GET', path: `/api/v1/talent/search?work_type_id=${welding.id}` }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['export a talent search', () => ({ method: 'GET', path: `/api/v1/talent/search.xlsx?work_type_id=${welding.id}` }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['read the level bars of a work type', () => ({ method: 'GET', path: `/api/v1/work-types/${welding.id}/level-bars` }), ROLES, 200, 403],
  ['set the level bars of a work type', () => ({ method: 'PUT', path: `/api/v1/work-types/${welding.id}/level-bars`, body: { skill_level: 'senior', bars: [] } }), ['admin', 'organiser'], 200, 403],
  ['list training courses', () => ({ method: 'GET', path: '/api/v1/courses' }), ['admin', 'organiser', 'hr'], 200, 403],
  ['create a course in the HR enterprise', () => ({ method: 'POST', path: '/api/v1/courses', body: course(hrEnterprise) }), ['admin', 'organiser', 'hr'], 201, 403],
  ['create a course outside the HR enterprise', () => ({ method: 'POST', path: '/api/v1/courses', body: course(otherEnterprise) }), ['admin', 'organiser'], 201, 403],
  ['read the training of a worker outside the judge union', () => ({ method: 'GET', path: `/api/v1/workers/${farWorker.id}/training` }), ['admin', 'organiser', 'chief_judge', 'viewer'], 200, 403],
  ['read the honours of a worker of the HR enterprise', () => ({ method: 'GET', path: `/api/v1/workers/${hrWorker.id}/honours` }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['add an honour to a worker of the HR enterprise', () => ({ method: 'POST', path: `/api/v1/workers/${hrWorker.id}/honours`, body: honour() }), ['admin', 'organiser', 'hr'], 201, 403],
  ['add an honour to a worker outside the HR enterprise', () => ({ method: 'POST', path: `/api/v1/workers/${farWorker.id}/honours`, body: honour() }), ['admin', 'organiser'], 201, 403],
  ['list post assessments', () => ({ method: 'GET', path: '/api/v1/assessments' }), ['admin', 'organiser', 'hr'], 200, 403],
  ['set up a post assessment in the HR enterprise', () => ({ method: 'POST', path: '/api/v1/assessments', body: assessment(hrEnterprise, hrWorker) }), ['admin', 'organiser', 'hr'], 201, 403],
  ['set up a post assessment outside the HR enterprise', () => ({ method: 'POST', path: '/api/v1/assessments', body: assessment(otherEnterprise, farWorker) }), ['admin', 'organiser'], 201, 403],
  ['list my post assessments', () => ({ method: 'GET', path: '/api/v1/me/assessments' }), ['worker'], 200, 404],
  ['read the skill structure of the HR enterprise', () => ({ method: 'GET', path: `/api/v1/analytics/structure?org_id=${hrEnterprise.id}` }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['read the skill structure of an enterprise outside the judge union', () => ({ method: 'GET', path: `/api/v1/analytics/structure?org_id=${otherEnterprise.id}` }), ['admin', 'organiser', 'chief_judge', 'viewer'], 200, 403],
  ['list post models', () => ({ method: 'GET', path: '/api/v1/post-models' }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['define a post model in the HR enterprise', () => ({ method: 'POST', path: '/api/v1/post-models', body: postModel(hrEnterprise) }), ['admin', 'organiser', 'hr'], 201, 403],
  ['define a post model outside the HR enterprise', () => ({ method: 'POST', path: '/api/v1/post-models', body: postModel(otherEnterprise) }), ['admin', 'organiser'], 201, 403],
  ['read the promotion pipeline outside the judge union', () => ({ method: 'GET', path: `/api/v1/analytics/pipeline?org_id=${otherEnterprise.id}&work_type_id=${welding.id}` }), ['admin', 'organiser', 'chief_judge', 'viewer'], 200, 403],
  ['read the benchmarks of an enterprise outside the judge union', () => ({ method: 'GET', path: `/api/v1/analytics/benchmarks?org_id=${otherEnterprise.id}&work_type_id=${welding.id}` }), ['admin', 'organiser', 'chief_judge', 'viewer'], 200, 403],
  ['list craftsman candidates', () => ({ method: 'GET', path: `/api/v1/analytics/candidates?work_type_id=${welding.id}` }), ['admin', 'organiser', 'chief_judge', 'judge', 'hr', 'viewer'], 200, 403],
  ['read the 技能大脑 figures of the city', () => ({ method: 'GET', path: `/api/v1/analytics/brain?org_id=${root.id}` }), ['admin', 'organiser', 'chief_judge', 'viewer'], 200, 403],
  ['set the city\'s high-skilled target', () => ({ method: 'PUT', path: `/api/v1/orgs/${root.id}/high-skill-target`, body: { high_skill_share: 0.3 } }), ['admin', 'organiser'], 200, 403],
  ['rename the HR enterprise', () => ({ method: 'PATCH', path: `/api/v1/orgs/${hrEnterprise.id}`, body: { name: hrEnterprise.name } }), ['admin', 'organiser'], 200, 403],
  ['move an organisation', async () => ({ method: 'POST', path: `/api/v1/orgs/${(await freshOrg()).id}/move`, body: { parent_id: root.id } }), ['admin', 'organiser'], 200, 403],
  ['delete an organisation', async () => ({ method: 'DELETE', path: `/api/v1/orgs/${(await freshOrg()).id}` }), ['admin', 'organiser'], 204, 403],
  ['replace a work type', () => ({ method: 'PUT', path: `/api/v1/work-types/${welding.id}`, body: { code: welding.code, name: welding.name, description: welding.description, dimensions: welding.dimensions } }), ['admin', 'organiser'], 200, 403],
  ['edit a worker of the HR enterprise', () => ({ method: 'PATCH', path: `/api/v1/workers/${hrWorker.id}`, body: { name: hrWorker.name } }), ['admin', 'organiser', 'hr'], 200, 403],
  ['record a level change', () => ({ method: 'POST', path: `/api/v1/workers/${hrWorker.id}/levels`, body: { skill_level: hrWorker.skill_level, effective_date: '2020-01-01', note: 'matrix' } }), ['admin', 'organiser', 'hr'], 200, 403],
  ['delete a worker of the HR enterprise', async () => ({ method: 'DELETE', path: `/api/v1/workers/${(await freshWorker()).id}` }), ['admin', 'organiser', 'hr'], 204, 403],
]

// Targets that a successful call consumes are made fresh, by the admin, for every role.
async function freshOrg() {
  const r = await app.request('POST', '/api/v1/orgs', { token: tokens.admin, body: { name: '临时组织' + unique(), kind: 'enterprise', parent_id: hrEnterprise.parent_id } })
  return r.body
}
async function freshWorker() {
  const n = unique()
  const r = await app.request('POST', '/api/v1/workers', { token: tokens.admin, body: { name: '临时' + n, employee_no: 'TMP-' + n, org_id: hrEnterprise.id, skill_level: 'junior', phone: '1370000' + String(1000 + n), id_number: idNumber('19930303', 300 + n) } })
  return r.body
}

for (const [name, build, allowed, okStatus, denyStatus] of MATRIX) {
  for (const role of ROLES) {
    const expected = allowed.includes(role) ? okStatus : denyStatus
    test(`${role} → ${name}: ${expected}`, async () => {
      const { method, path, body } = await build()
      const r = await app.request(method, path, { token: tokens[role], body })
      assert.equal(r.status, expected, JSON.stringify(r.body))
    })
  }
}

test('HR cannot create a worker in another enterprise', async () => {
  const n = unique()
  const r = await app.request('POST', '/api/v1/workers', { token: tokens.hr, body: { name: '越权', employee_no: 'X-' + n, org_id: otherEnterprise.id, skill_level: 'junior', phone: '13800009999', id_number: idNumber('19920303', 800 + n) } })
  assert.equal(r.status, 403)
})

test('a judge sees only the workers of their own union', async () => {
  const all = (await app.request('GET', '/api/v1/workers?limit=1', { token: tokens.admin })).body.total
  const mine = (await app.request('GET', '/api/v1/workers?limit=1', { token: tokens.judge })).body.total
  assert.ok(mine > 0 && mine < all, `${mine} of ${all}`)
  const r = await app.request('GET', `/api/v1/workers?org_id=${otherEnterprise.id}`, { token: tokens.judge })
  assert.equal(r.status, 403)
})

test('an admin of a sub-organisation cannot read the whole audit log or link accounts to outside workers', async () => {
  const unionA = (await app.request('GET', '/api/v1/me', { token: tokens.judge })).body.user.grants[0].org_id
  const u = await app.request('POST', '/api/v1/users', { token: tokens.admin, body: { username: 'union.admin', password: 'Union-Admin-1', grants: [{ role: 'admin', org_id: unionA }] } })
  assert.equal(u.status, 201)
  const t = await app.login('union.admin', 'Union-Admin-1')
  assert.equal((await app.request('GET', '/api/v1/audit', { token: t })).status, 403)
  const link = await app.request('POST', '/api/v1/users', { token: t, body: { username: 'linked.far', password: 'Linked-Far-1', worker_id: farWorker.id, grants: [{ role: 'worker', org_id: unionA }] } })
  assert.equal(link.status, 403)
})
