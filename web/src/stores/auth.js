import { defineStore } from 'pinia'
import { authApi, setCsrfToken } from '../api/client.js'
import { can, rolesOf } from '../utils/domain.js'

export const useAuthStore = defineStore('auth', {
  state: () => ({
    user: null,
    checked: false // GET /me has been asked once since the page loaded
  }),
  getters: {
    loggedIn: (s) => !!s.user,
    displayName: (s) => (s.user && (s.user.display_name || s.user.username)) || '',
    roles: (s) => rolesOf(s.user),
    can: (s) => {
      const out = {}
      for (const [k, fn] of Object.entries(can)) out[k] = fn(s.user)
      return out
    }
  },
  actions: {
    /** Asks the server who is logged in (cookie session). Never throws on 401. */
    async fetchMe() {
      try {
        const me = await authApi.me()
        this.user = me.user
        setCsrfToken(me.csrf_token)
      } catch (e) {
        if (e.status !== 401) throw e
        this.user = null
        setCsrfToken('')
      } finally {
        this.checked = true
      }
      return this.user
    },
    async login(username, password) {
      const res = await authApi.login(username, password)
      this.user = res.user
      setCsrfToken(res.csrf_token)
      this.checked = true
      return res.user
    },
    async logout() {
      try {
        await authApi.logout()
      } finally {
        this.clear()
      }
    },
    clear() {
      this.user = null
      setCsrfToken('')
    }
  }
})
