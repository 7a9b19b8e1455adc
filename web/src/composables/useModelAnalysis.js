import { computed, ref, watch } from 'vue'
import { whileBusy } from './useLoader.js'
import { modelVersionKey } from './usePostModels.js'

/**
 * An analysis of the post model picked (岗位差距, 培训计划): `fetch(id)` is asked again whenever another model is
 * picked or the picked one is saved; an answer for a model no longer picked is dropped. Returns `{ data, loading }`.
 */
export function useModelAnalysis(modelId, fetch) {
  const data = ref(null)
  const loading = ref(false)
  const version = computed(() => modelVersionKey(modelId.value))
  let asked = 0
  const load = () => {
    const mine = ++asked
    const id = modelId.value
    if (!version.value) return
    return whileBusy(loading, async () => {
      const answer = await fetch(id)
      if (mine === asked) data.value = answer
    })
  }
  watch(version, load, { immediate: true })
  return { data, loading }
}
