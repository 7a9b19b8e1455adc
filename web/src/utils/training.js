// Code lists of 培训 and 荣誉 (API codes → i18n keys, spelt out so that every key is a literal) and the
// tag colours the pages give them.

export const COURSE_MODES = ['offline', 'online']
export const MODE_LABEL = { online: 'training.mode.online', offline: 'training.mode.offline' }

export const RECORD_STATUSES = ['enrolled', 'completed', 'failed']
export const STATUS_LABEL = {
  enrolled: 'training.status.enrolled',
  completed: 'training.status.completed',
  failed: 'training.status.failed'
}
export const STATUS_TAG = { enrolled: 'info', completed: 'success', failed: 'danger' }

export const HONOUR_KINDS = ['technical_expert', 'golden_blue_collar', 'craftsman', 'may_day_medal', 'model_worker', 'other']
export const HONOUR_KIND_LABEL = {
  technical_expert: 'honours.kind.technicalExpert',
  golden_blue_collar: 'honours.kind.goldenBlueCollar',
  craftsman: 'honours.kind.craftsman',
  may_day_medal: 'honours.kind.mayDayMedal',
  model_worker: 'honours.kind.modelWorker',
  other: 'honours.kind.other'
}

export const HONOUR_LEVELS = ['enterprise', 'city', 'province', 'national']
export const HONOUR_LEVEL_LABEL = {
  enterprise: 'honours.level.enterprise',
  city: 'honours.level.city',
  province: 'honours.level.province',
  national: 'honours.level.national'
}
export const HONOUR_LEVEL_TAG = { enterprise: 'info', city: 'primary', province: 'warning', national: 'danger' }

/** Hours or a score as people write them: 16, 2.5 (never 2.5000001); '—' when there is none. */
export function decimalText(h) {
  if (h === null || h === undefined || h === '') return '—'
  return String(Math.round(Number(h) * 10) / 10)
}
