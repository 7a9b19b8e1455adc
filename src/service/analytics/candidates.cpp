#include "service/analytics/candidates.hpp"

#include <algorithm>

#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"

namespace skb::service {

std::vector<Candidate> CandidateService::candidates(const Actor& actor, const CandidateQuery& q) const {
  const auto scope = actor.scope(core::Permission::read_workers);
  if (scope.empty()) throw core::forbidden();
  if (q.limit < 1 || q.limit > 200) throw core::invalid("limit", "limit 应为 1–200");
  std::vector<Candidate> out;
  ctx_.db.read([&](store::Connection& c) {
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {q.work_type_id})) throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
    store::Params params{q.work_type_id, static_cast<std::int64_t>(core::SkillLevel::senior), std::int64_t{kMinEvidence}};
    std::string where = subtree_condition("w.org_path", scope, params);
    if (q.org_id) {
      const auto org = load_org(c, *q.org_id);
      require(actor, core::Permission::read_workers, org.path);
      where += " AND " + subtree_condition("w.org_path", {org.path}, params);
    }
    // θ − 1.96·se orders by the band's lower end (σ is monotone).
    params.push_back(static_cast<std::int64_t>(q.limit));
    for (const auto& r : c.query("SELECT w.id, w.name, o.name, w.skill_level, s.theta, s.se, s.evidence_count, "
                                 "(SELECT COUNT(*) FROM certificates x WHERE x.worker_id = w.id AND x.revoked = 0), "
                                 "(SELECT COUNT(*) FROM honours h WHERE h.worker_id = w.id), "
                                 "COALESCE((SELECT h.title FROM honours h WHERE h.worker_id = w.id ORDER BY h.awarded_on DESC, h.id DESC LIMIT 1), '') "
                                 "FROM portrait_scores s JOIN workers w ON w.id = s.worker_id JOIN orgs o ON o.id = w.org_id "
                                 "WHERE s.work_type_id = ? AND s.dimension_id = 0 AND w.skill_level <= ? AND s.evidence_count >= ? AND " + where +
                                     " ORDER BY s.theta - 1.959964 * s.se DESC, w.id LIMIT ?",
                                 params)) {
      const auto band = core::to_score_band({r.f64(4), r.f64(5), static_cast<int>(r.i64(6)), 0});
      out.push_back({r.i64(0), r.str(1), r.str(2), static_cast<core::SkillLevel>(r.i64(3)), band.score, band.low, band.high, static_cast<int>(r.i64(6)),
                     static_cast<int>(r.i64(7)), static_cast<int>(r.i64(8)), r.str(9)});
    }
  });
  return out;
}

}  // namespace skb::service
