// The one HTTP client of the web app. Every call to the SkillBrain API goes through request():
// - same-origin cookies (the HttpOnly `skb_session` cookie set by POST /auth/login);
// - `X-CSRF-Token` on unsafe methods (token from the login answer or GET /me);
// - `{error:{code,message,field}}` answers become a thrown ApiError;
// - a 401 outside the login flow sends the user back to the login page.

const BASE = '/api/v1'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken = ''
let onUnauthorized = null

export function setCsrfToken(token) {
  csrfToken = token || ''
}

/** Registers the callback run when the server answers 401 (session expired or logged out). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {}
    super(err.message || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = err.code || (status === 0 ? 'network_error' : 'http_' + status)
    this.field = err.field || null
    this.rows = Array.isArray(err.rows) ? err.rows : null
    this.problems = Array.isArray(err.problems) ? err.problems : null
    this.retryAfter = null
  }
}

function buildQuery(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.append(k, String(v))
  }
  const s = q.toString()
  return s ? '?' + s : ''
}

/**
 * Sends one request. opts: {method, body, query, headers, raw, skipAuthRedirect}.
 * Returns the parsed JSON (or null for 204); with raw:true returns the Response itself.
 */
export async function request(path, opts = {}) {
  const method = (opts.method || 'GET').toUpperCase()
  const headers = { Accept: 'application/json' }
  let body
  if (opts.body instanceof Blob) {
    // Raw bytes (an uploaded file): sent as they are, with the file's own type.
    headers['Content-Type'] = opts.body.type || 'application/octet-stream'
    body = opts.body
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  if (opts.headers) Object.assign(headers, opts.headers)

  let res
  try {
    res = await fetch(BASE + path + buildQuery(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin'
    })
  } catch (e) {
    const err = new ApiError(0, { error: { code: 'network_error', message: e.message } })
    throw err
  }

  if (res.ok) {
    if (opts.raw) return res
    if (res.status === 204) return null
    const text = await res.text()
    if (!text) return null
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }

  let payload = null
  try {
    payload = await res.json()
  } catch {
    payload = null
  }
  const err = new ApiError(res.status, payload)
  if (res.status === 429) err.retryAfter = Number(res.headers.get('Retry-After')) || null
  if (res.status === 401 && !opts.skipAuthRedirect && onUnauthorized) onUnauthorized(err)
  throw err
}

export const api = {
  get: (path, query, opts = {}) => request(path, { ...opts, query }),
  post: (path, body, opts = {}) => request(path, { ...opts, method: 'POST', body }),
  put: (path, body, opts = {}) => request(path, { ...opts, method: 'PUT', body }),
  patch: (path, body, opts = {}) => request(path, { ...opts, method: 'PATCH', body }),
  del: (path, opts = {}) => request(path, { ...opts, method: 'DELETE' })
}

// ---- resource helpers (one place that knows the paths of the contract) ----

export const authApi = {
  login: (username, password) =>
    api.post('/auth/login', { username, password }, { skipAuthRedirect: true }),
  logout: () => api.post('/auth/logout', undefined, { skipAuthRedirect: true }),
  me: () => api.get('/me', undefined, { skipAuthRedirect: true }),
  changePassword: (old_password, new_password) =>
    api.post('/me/password', { old_password, new_password }),
  myWorker: () => api.get('/me/worker')
}

export const orgsApi = {
  list: () => api.get('/orgs'),
  get: (id) => api.get(`/orgs/${encodeURIComponent(id)}`),
  create: (body) => api.post('/orgs', body),
  update: (id, body) => api.patch(`/orgs/${encodeURIComponent(id)}`, body),
  move: (id, parent_id) => api.post(`/orgs/${encodeURIComponent(id)}/move`, { parent_id }),
  remove: (id) => api.del(`/orgs/${encodeURIComponent(id)}`)
}

export const workTypesApi = {
  list: () => api.get('/work-types'),
  get: (id) => api.get(`/work-types/${encodeURIComponent(id)}`),
  create: (body) => api.post('/work-types', body),
  replace: (id, body) => api.put(`/work-types/${encodeURIComponent(id)}`, body),
  remove: (id) => api.del(`/work-types/${encodeURIComponent(id)}`),
  levelBars: (id) => api.get(`/work-types/${encodeURIComponent(id)}/level-bars`),
  setLevelBars: (id, body) => api.put(`/work-types/${encodeURIComponent(id)}/level-bars`, body)
}

export const workersApi = {
  list: (query) => api.get('/workers', query),
  get: (id) => api.get(`/workers/${encodeURIComponent(id)}`),
  create: (body) => api.post('/workers', body),
  update: (id, body) => api.patch(`/workers/${encodeURIComponent(id)}`, body),
  addLevel: (id, body) => api.post(`/workers/${encodeURIComponent(id)}/levels`, body),
  remove: (id) => api.del(`/workers/${encodeURIComponent(id)}`),
  pii: (id) => api.get(`/workers/${encodeURIComponent(id)}/pii`),
  import: (rows) => api.post('/workers/import', { rows, all_or_nothing: true }),
  /** Downloads the .xlsx export with the given filters; resolves to {blob, filename}. */
  async export(query) {
    const res = await request('/workers/export', { query, raw: true })
    const blob = await res.blob()
    const cd = res.headers.get('Content-Disposition') || ''
    let filename = 'workers.xlsx'
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)
    const plain = /filename="?([^";]+)"?/i.exec(cd)
    if (star) filename = decodeURIComponent(star[1])
    else if (plain) filename = plain[1]
    return { blob, filename }
  }
}

export const usersApi = {
  list: (query) => api.get('/users', query),
  create: (body) => api.post('/users', body)
}

const enc = encodeURIComponent

export const competitionsApi = {
  list: () => api.get('/competitions'),
  get: (id) => api.get(`/competitions/${enc(id)}`),
  create: (body) => api.post('/competitions', body),
  setStatus: (id, status) => api.post(`/competitions/${enc(id)}/status`, { status }),
  addVenue: (id, body) => api.post(`/competitions/${enc(id)}/venues`, body),
  addEvent: (id, body) => api.post(`/competitions/${enc(id)}/events`, body),
  judgeCandidates: (id) => api.get(`/competitions/${enc(id)}/judge-candidates`),
  devices: (id) => api.get(`/competitions/${enc(id)}/devices`),
  /** The answer carries the device's `secret` this once only. */
  addDevice: (id, body) => api.post(`/competitions/${enc(id)}/devices`, body),
  revokeDevice: (deviceId) => api.post(`/devices/${enc(deviceId)}/revoke`)
}

/** Reads a downloaded file: {blob, filename} (filename from Content-Disposition, else `fallback`). */
export async function download(path, fallback, query) {
  const res = await request(path, { raw: true, query })
  const blob = await res.blob()
  const cd = res.headers.get('Content-Disposition') || ''
  let filename = fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)
  const plain = /filename="?([^";]+)"?/i.exec(cd)
  if (star) filename = decodeURIComponent(star[1])
  else if (plain) filename = plain[1]
  return { blob, filename }
}

export const eventsApi = {
  get: (id) => api.get(`/events/${enc(id)}`),
  setScheme: (id, components) => api.put(`/events/${enc(id)}/scheme`, { components }),
  /** The scheme as a 评分标准 .xlsx (of an empty scheme: the blank template); resolves to {blob, filename}. */
  schemeXlsx: (id) => download(`/events/${enc(id)}/scheme.xlsx`, 'scheme.xlsx'),
  /** Replaces the scheme with the rows of such a sheet (all or nothing; 422 import_invalid with `rows`). */
  importScheme: (id, rows) => api.post(`/events/${enc(id)}/scheme/import`, { rows }),
  /**
   * 评分标准更正 of a frozen scheme (the chief judge): `{components (existing parts keep their id), reason,
   * password}` → 201 `{correction, event}`. `key` (optional) is sent as Idempotency-Key.
   */
  correctScheme: (id, body, key) =>
    api.post(`/events/${enc(id)}/scheme/corrections`, body, key ? { headers: { 'Idempotency-Key': key } } : {}),
  /** The scheme's corrections, oldest first: `{items: [{id, reason, changes: [{what, from, to}], corrected_by, corrected_at}]}`. */
  schemeCorrections: (id) => api.get(`/events/${enc(id)}/scheme/corrections`),
  entries: (id) => api.get(`/events/${enc(id)}/entries`),
  /**
   * 报名: `{worker_id, venue_id}`, or for a team event `{team_name, member_ids (captain first), venue_id}`.
   * `key` (optional) is sent as Idempotency-Key: the same key with the same body replays the answer.
   */
  register: (id, body, key) =>
    api.post(`/events/${enc(id)}/entries`, body, key ? { headers: { 'Idempotency-Key': key } } : {}),
  checkIn: (id, entry_code) => api.post(`/events/${enc(id)}/check-in`, { entry_code }),
  /** 抽签: workstations drawn per venue from a new random seed; answers `{seed, items}` (the entries). */
  draw: (id) => api.post(`/events/${enc(id)}/draw`, {}),
  judges: (id) => api.get(`/events/${enc(id)}/judges`),
  assignJudge: (id, body) => api.post(`/events/${enc(id)}/judges`, body),
  standings: (id, venue_id) => api.get(`/events/${enc(id)}/standings`, { venue_id }),
  judgeReport: (id) => api.get(`/events/${enc(id)}/judge-report`),
  resolveFlag: (id, body) => api.post(`/events/${enc(id)}/flags/resolve`, body),
  /** 评分细项锁定: `{items: [{aspect_id, venue_id (null = every venue), locked_by, locked_at}]}`. */
  aspectLocks: (id) => api.get(`/events/${enc(id)}/aspect-locks`),
  /** Locks one aspect at `venue_id`, or at every venue when it is empty (409 aspect_locked when it already is). */
  lockAspect: (id, aspectId, venueId) =>
    api.post(`/events/${enc(id)}/aspects/${enc(aspectId)}/lock`, venueId ? { venue_id: venueId } : undefined),
  /** Removes the lock of that venue (empty: the all-venue lock); 409 not_locked when there is none. */
  unlockAspect: (id, aspectId, venueId) =>
    api.post(`/events/${enc(id)}/aspects/${enc(aspectId)}/unlock`, venueId ? { venue_id: venueId } : undefined),
  /**
   * 时间补偿 of timed tasks: `{items: [{venue_id, venue_name, component_id, component_name, seconds, reason,
   * recorded_by, recorded_at}]}`.
   */
  timeAllowances: (id) => api.get(`/events/${enc(id)}/time-allowances`),
  /** Records (or with `seconds` 0 removes) a venue's allowance on a timed task; answers `{items}`. */
  setTimeAllowance: (id, body) => api.put(`/events/${enc(id)}/time-allowances`, body),
  /** Signs off the event; answers the locked standings (409 not_ready while entrants or flags are open). */
  lock: (id) => api.post(`/events/${enc(id)}/lock`),
  awards: (id) => api.get(`/events/${enc(id)}/awards`),
  setAwards: (id, tiers) => api.put(`/events/${enc(id)}/awards`, { tiers }),
  promotions: (id) => api.get(`/events/${enc(id)}/promotions`),
  certificates: (id) => api.get(`/events/${enc(id)}/certificates`),
  results: (id) => download(`/events/${enc(id)}/results.xlsx`, 'results.xlsx'),
  /**
   * 晋级下一阶段: registers the entrants of this (locked) event who advance into `to_event_id`, by
   * `top_n` or `top_percent` (exactly one), overall or `per_venue`. Answers `{items}`: the entries added.
   */
  advance: (id, body) => api.post(`/events/${enc(id)}/advance`, body),
  /** The entry code as an SVG QR code (organisers; the session cookie authenticates an <img>). */
  qrUrl: (id, entryId) => `${BASE}/events/${enc(id)}/entries/${enc(entryId)}/qr.svg`
}

export const promotionsApi = {
  confirm: (id) => api.post(`/promotions/${enc(id)}/confirm`),
  reject: (id) => api.post(`/promotions/${enc(id)}/reject`)
}

export const certificatesApi = {
  /** The certificate PDF as a blob (the session cookie authenticates; a plain link would too). */
  pdf: (id) => download(`/certificates/${enc(id)}/pdf`, 'certificate.pdf'),
  pdfUrl: (id) => `${BASE}/certificates/${enc(id)}/pdf`,
  verifyUrl: (code) => `/verify/${enc(code)}`
}

export const judgingApi = {
  tasks: () => api.get('/judging/tasks'),
  /** Sends a batch of marks (all or nothing); each answer item says whether it was a replay. */
  submit: (marks) => api.post('/marks', { marks })
}

// Live boards (docs/api/boards.md). The big screen and the phone page work without a session: their
// calls never send the user to the login page.
export const boardsApi = {
  list: (query) => api.get('/boards', query),
  get: (id, query) => api.get(`/boards/${enc(id)}`, query, { skipAuthRedirect: true }),
  streamUrl: (id, query) => `${BASE}/boards/${enc(id)}/stream${buildQuery(query)}`
}

export const auditApi = {
  list: (query) => api.get('/audit', query),
  verify: () => api.get('/audit/verify')
}

export const healthApi = {
  get: () => api.get('/health', undefined, { skipAuthRedirect: true })
}

// 能力画像 and the evidence behind it.
export const talentApi = {
  myPortrait: (workTypeId) => api.get('/me/portrait', { work_type_id: workTypeId }),
  portrait: (workerId, workTypeId) => api.get(`/workers/${encodeURIComponent(workerId)}/portrait`, { work_type_id: workTypeId }),
  evidence: (workerId, workTypeId, dimensionId) =>
    api.get(`/workers/${encodeURIComponent(workerId)}/evidence`, { work_type_id: workTypeId, dimension_id: dimensionId, limit: 200 }),
  timeline: (workerId) => api.get(`/workers/${encodeURIComponent(workerId)}/timeline`),
  search: (query) => api.get('/talent/search', query)
}
