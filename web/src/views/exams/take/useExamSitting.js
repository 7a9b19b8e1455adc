// One sitting of an exam on the candidate's phone (docs/api/exams.md, "Taking an exam"): start or
// resume the session with this device's id, keep the answers in the outbox (autosave, offline queue),
// record integrity events, count down on the server's clock and submit — by hand, or by itself when
// the time is up.
import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue'
import { examsApi, examSessionsApi } from '../../../api/exams.js'
import { deviceId } from '../../../utils/deviceId.js'
import { createAnswerOutbox } from '../../../utils/examOutbox.js'
import { createIntegrityLog } from '../../../utils/integrityLog.js'
import { isAnswered, normaliseResponse } from '../../../utils/examResponse.js'
import { useExamClock } from '../../../composables/useExamClock.js'

const RETRY_SUBMIT_MS = 5000

export function useExamSitting(examId) {
  const device = deviceId()
  // loading → taking → submitting → done; blocked: the server refused the start (or moved the session).
  const phase = ref('loading')
  const error = shallowRef(null) // ApiError of a refused start, a moved session or a failed submit
  const exam = ref(null)
  const session = ref(null)
  const questions = ref([])
  const result = ref(null) // the submitted session: score, max_score, pending_manual, auto_submitted
  const outbox = shallowRef(null)
  let log = null
  let submitRetry = null
  let autoSubmitting = false

  const clock = useExamClock(() => submit({ auto: true }))

  function finish(s) {
    result.value = s
    phase.value = 'done'
    clearTimeout(submitRetry)
    if (outbox.value) outbox.value.clear()
    if (log) log.stop()
    clock.stop()
    detach()
  }

  async function loadSubmitted() {
    // The server says it is over: show the score of the list (no session id known before start).
    const sid = session.value && session.value.id
    if (sid) {
      const res = await examSessionsApi.get(sid).catch(() => null)
      if (res && res.session && res.session.status === 'submitted') return finish(res.session)
    }
    const mine = await examsApi.mine().catch(() => null)
    const item = ((mine && mine.items) || []).find((x) => String(x.id) === String(examId))
    if (item) {
      return finish({ score: item.score, max_score: item.max_score ?? item.total_marks, pending_manual: item.pending_manual, status: 'submitted' })
    }
    phase.value = 'blocked'
  }

  function setUp(res) {
    if (outbox.value) outbox.value.stop()
    if (log) log.stop()
    session.value = res.session
    exam.value = res.exam
    questions.value = res.questions || []
    const sid = res.session.id
    const box = createAnswerOutbox({
      sessionId: sid,
      send: (items) => examSessionsApi.saveAnswers(sid, device, items),
      onSaved: (r) => clock.sync(r)
    })
    box.load(res.answers || {})
    outbox.value = box
    log = createIntegrityLog({
      sessionId: sid,
      send: (events) => examSessionsApi.sendEvents(sid, device, events),
      now: clock.serverNow
    })
    clock.sync(res.session)
    if (res.session.status === 'submitted') return finish(res.session)
    phase.value = 'taking'
    attach()
    box.flush()
    log.flush()
  }

  async function start() {
    phase.value = 'loading'
    error.value = null
    try {
      setUp(await examsApi.start(examId, device))
    } catch (e) {
      if (e.code === 'already_submitted') return loadSubmitted()
      error.value = e
      phase.value = 'blocked'
    }
  }

  /** Records the response to question `id`; choices are sent at once, typing after a pause. */
  function answer(id, response, opts) {
    if (phase.value !== 'taking' || !outbox.value) return
    outbox.value.set(id, response, opts)
  }
  function responseOf(id) {
    const q = questions.value.find((x) => x.id === id)
    return normaliseResponse(q, outbox.value && outbox.value.state.answers[id])
  }
  const answered = computed(() =>
    questions.value.map((q) => !!outbox.value && isAnswered(q, outbox.value.state.answers[q.id]))
  )
  const saveStatus = computed(() => (outbox.value ? outbox.value.status() : 'saved'))
  const pendingCount = computed(() => (outbox.value ? outbox.value.pendingItems().length : 0))

  async function submit({ auto = false } = {}) {
    if (phase.value !== 'taking' && !(auto && phase.value === 'submitting')) return
    if (!outbox.value || !session.value) return
    phase.value = 'submitting'
    autoSubmitting = auto
    error.value = null
    outbox.value.stop()
    const sid = session.value.id
    if (log) await log.flush()
    try {
      const res = await examSessionsApi.submit(sid, device, outbox.value.pendingItems())
      finish(res.session)
    } catch (e) {
      if (e.code === 'time_up' || e.code === 'already_submitted') return loadSubmitted()
      if (e.code === 'session_moved') {
        error.value = e
        phase.value = 'blocked'
        return
      }
      error.value = e
      if (auto) {
        // The time is up: keep trying (the server also submits by itself at the deadline).
        clearTimeout(submitRetry)
        submitRetry = setTimeout(() => submit({ auto: true }), RETRY_SUBMIT_MS)
        return
      }
      phase.value = 'taking'
      outbox.value.flush()
    }
  }

  // The outbox stopped on a refusal that ends the sitting here.
  watch(
    () => outbox.value && outbox.value.state.fatal,
    (e) => {
      if (!e) return
      if (e.code === 'time_up' || e.code === 'already_submitted') {
        if (phase.value === 'taking') submit({ auto: true })
        return
      }
      error.value = e
      phase.value = 'blocked'
    }
  )

  // ---- the page's surroundings: connection, focus, copy and paste ----
  async function resync() {
    if (!session.value || phase.value !== 'taking') return
    try {
      const res = await examSessionsApi.get(session.value.id)
      if (!res || !res.session) return
      if (res.session.status === 'submitted') return finish(res.session)
      clock.sync(res.session)
    } catch {
      /* offline: the local count goes on */
    }
  }
  const onOnline = () => {
    if (outbox.value) outbox.value.flush()
    if (log) log.flush()
    if (phase.value === 'submitting' && autoSubmitting) submit({ auto: true })
    resync()
  }
  const onOffline = () => {
    if (outbox.value) outbox.value.state.offline = true
  }
  const onVisibility = () => {
    const hidden = document.visibilityState === 'hidden'
    if (log) log.add(hidden ? 'hidden' : 'visible')
    if (hidden) {
      if (outbox.value) outbox.value.flush()
    } else resync()
  }
  const onBlur = () => log && log.add('blur')
  const onFocus = () => log && log.add('focus')
  const onCopy = (e) => {
    e.preventDefault()
    if (log) log.add('copy')
  }
  const onPaste = (e) => {
    e.preventDefault()
    if (log) log.add('paste')
  }
  const onFullscreen = () => {
    if (!document.fullscreenElement && log) log.add('fullscreen_exit')
  }
  // Every listener the sitting needs, added and removed from one list so the two can never disagree.
  const listeners = [
    [window, 'online', onOnline], [window, 'offline', onOffline], [window, 'blur', onBlur], [window, 'focus', onFocus],
    [document, 'visibilitychange', onVisibility], [document, 'copy', onCopy], [document, 'cut', onCopy],
    [document, 'paste', onPaste], [document, 'fullscreenchange', onFullscreen]
  ]
  let attached = false
  function attach() {
    if (attached) return
    attached = true
    for (const [target, name, handler] of listeners) target.addEventListener(name, handler)
  }
  function detach() {
    if (!attached) return
    attached = false
    for (const [target, name, handler] of listeners) target.removeEventListener(name, handler)
  }
  onBeforeUnmount(() => {
    detach()
    clearTimeout(submitRetry)
    if (outbox.value) {
      outbox.value.flush()
      outbox.value.stop()
    }
    if (log) {
      log.flush()
      log.stop()
    }
  })

  return {
    phase,
    error,
    exam,
    session,
    questions,
    result,
    outbox,
    remaining: clock.remaining,
    answered,
    saveStatus,
    pendingCount,
    start,
    answer,
    responseOf,
    submit
  }
}
