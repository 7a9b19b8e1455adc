import { ref } from 'vue'
import { showLocalError } from '../utils/errors.js'

/**
 * Runs `fn` with the ref `flag` true until it settles (a button's or a table's loading state) and
 * passes a failure to `onError` (by default the localised error message; a dialog passes its own,
 * e.g. `(e) => (formError.value = localErrorText(e))`). Resolves to fn's result, undefined on failure.
 */
export async function whileBusy(flag, fn, onError = showLocalError) {
  flag.value = true
  try {
    return await fn()
  } catch (e) {
    onError(e)
  } finally {
    flag.value = false
  }
}

/**
 * A list loaded from the API: `fetch()` resolves to `{ items }`. Returns `{ items, loading, load }`;
 * `load()` sets `loading` while it runs, replaces `items` (an empty list when the answer has none)
 * and passes a failure to `onError` (by default the localised error message).
 */
export function useLoader(fetch, onError = showLocalError) {
  const items = ref([])
  const loading = ref(false)
  const load = () =>
    whileBusy(
      loading,
      async () => {
        const res = await fetch()
        items.value = (res && res.items) || []
      },
      onError
    )
  return { items, loading, load }
}
