import { defineStore } from 'pinia'
import { orgsApi, workTypesApi } from '../api/client.js'
import { buildOrgTree, orgPath } from '../utils/domain.js'

// Organisations and work types are small lists used by many views (filters, selects): cached here.
export const useDirectoryStore = defineStore('directory', {
  state: () => ({
    orgs: [],
    workTypes: [],
    orgsLoaded: false,
    workTypesLoaded: false
  }),
  getters: {
    orgTree: (s) => buildOrgTree(s.orgs),
    orgOptions: (s) =>
      s.orgs
        .map((o) => ({ value: o.id, label: orgPath(o), kind: o.kind }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    orgById: (s) => new Map(s.orgs.map((o) => [o.id, o]))
  },
  actions: {
    async loadOrgs(force = false) {
      if (this.orgsLoaded && !force) return this.orgs
      const res = await orgsApi.list()
      this.orgs = (res && res.items) || []
      this.orgsLoaded = true
      return this.orgs
    },
    async loadWorkTypes(force = false) {
      if (this.workTypesLoaded && !force) return this.workTypes
      const res = await workTypesApi.list()
      this.workTypes = (res && res.items) || []
      this.workTypesLoaded = true
      return this.workTypes
    },
    reset() {
      this.orgs = []
      this.workTypes = []
      this.orgsLoaded = false
      this.workTypesLoaded = false
    }
  }
})
