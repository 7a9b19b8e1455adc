// The post models (岗位能力模型) the reader may see, shared by the tabs of 人才分析 that pick one (岗位差距,
// 培训计划): a model created, copied, changed or removed in one tab is seen by the other at once.
import { ref } from 'vue'
import { postModelsApi } from '../api/analytics.js'
import { whileBusy } from './useLoader.js'

const models = ref([])
const loading = ref(false)
const loaded = ref(false)

/** `{ models, loading, loaded, load }`; `load()` asks GET /post-models again. */
export function usePostModels() {
  const load = () =>
    whileBusy(loading, async () => {
      const res = await postModelsApi.list()
      models.value = (res && res.items) || []
      loaded.value = true
    })
  return { models, loading, loaded, load }
}

/**
 * A key that changes when another model is picked or the picked one is saved (its `updated_at`), so that a
 * tab reads its analysis again; '' while the model is not (yet) in the list.
 */
export function modelVersionKey(modelId) {
  const m = models.value.find((x) => x.id === modelId)
  return m ? `${m.id}@${m.updated_at}` : ''
}

/** Forgets the list (at logout: the next user reads their own). */
export function resetPostModels() {
  models.value = []
  loaded.value = false
}
