// 人才分析 (docs/api/openapi.yaml, tag analytics): aggregates over the talent record of one organisation's
// subtree, with the city's figures beside them (null where withheld). The paths of that contract, in one place.
import { api } from './client.js'

export const analyticsApi = {
  /**
   * 技能结构: `{ org_id, org_name, as_of, year_ago, workers, workers_year_ago, high_skill_share,
   * high_skill_share_year_ago, city_high_skill_share, work_types: [{ work_type_id, name, total, year_ago_total,
   * city_total, high_skill_share, city_high_skill_share, promotions, levels: [{ skill_level, count, year_ago,
   * city_count }] }], ages: [{ from, to, count }] }`.
   */
  structure: (orgId) => api.get('/analytics/structure', { org_id: orgId })
}
