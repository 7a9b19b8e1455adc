#include "service/analytics/pipeline.hpp"

#include <algorithm>
#include <map>

#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/talent/level_bars.hpp"

namespace skb::service {

Pipeline PipelineService::pipeline(const Actor& actor, std::int64_t org_id, std::int64_t work_type_id) const {
  Pipeline out;
  out.org_id = org_id;
  out.work_type_id = work_type_id;
  ctx_.db.read([&](store::Connection& c) {
    const auto org = load_org(c, org_id);
    require(actor, core::Permission::read_workers, org.path);
    auto wt = c.query_one("SELECT name FROM work_types WHERE id = ?", {work_type_id});
    if (!wt) throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
    out.work_type_name = wt->str(0);
    std::map<int, std::map<std::int64_t, double>> bars;  // level → dimension (0: overall) → bar
    for (const auto& r : c.query("SELECT skill_level, dimension_id, bar FROM level_bars WHERE work_type_id = ?", {work_type_id}))
      bars[static_cast<int>(r.i64(0))][r.i64(1)] = r.f64(2);
    if (bars.empty()) return;

    struct Candidate {
      PipelineWorker worker;
      std::map<std::int64_t, core::ScoreBand> scores;
    };
    std::map<std::int64_t, Candidate> candidates;
    store::Params params{work_type_id};
    const auto where = subtree_condition("w.org_path", {org.path}, params);
    for (const auto& r : c.query("SELECT w.id, w.name, o.name, w.skill_level FROM workers w JOIN worker_work_types t ON t.worker_id = w.id AND t.work_type_id = ? "
                                 "JOIN orgs o ON o.id = w.org_id WHERE " + where,
                                 params)) {
      const auto level = static_cast<core::SkillLevel>(r.i64(3));
      const auto next = next_level(level);
      if (!next || !bars.count(static_cast<int>(*next))) continue;
      candidates[r.i64(0)].worker = {r.i64(0), r.str(1), r.str(2), level, *next, "", 0, {}};
    }
    out.considered = static_cast<int>(candidates.size());
    store::Params p2{work_type_id};
    const auto where2 = subtree_condition("w.org_path", {org.path}, p2);
    // CROSS JOIN keeps the organisation's workers as the outer loop: SQLite would otherwise walk every portrait of the work type.
    for (const auto& r : c.query("SELECT s.worker_id, s.dimension_id, s.theta, s.se, s.evidence_count FROM workers w CROSS JOIN portrait_scores s "
                                 "ON s.worker_id = w.id AND s.work_type_id = ? WHERE " + where2,
                                 p2)) {
      auto it = candidates.find(r.i64(0));
      if (it == candidates.end() || r.i64(4) == 0) continue;
      it->second.scores[r.i64(1)] = core::to_score_band({r.f64(2), r.f64(3), static_cast<int>(r.i64(4)), 0});
    }
    for (auto& [id, cand] : candidates) {
      auto& w = cand.worker;
      bool ready = true, reachable = true;
      for (const auto& [dim, bar] : bars[static_cast<int>(w.next)]) {
        PipelineBar b{dim ? std::optional(dim) : std::nullopt, bar, std::nullopt, "no_evidence"};
        if (auto s = cand.scores.find(dim); s != cand.scores.end()) {
          b.score = s->second.score;
          b.status = s->second.low >= bar ? "met" : s->second.high < bar ? "short" : "open";
          w.shortfall = std::max(w.shortfall, bar - s->second.score);
          if (s->second.score < bar - kReach) reachable = false;
        } else {
          reachable = false;
        }
        if (b.status != "met") ready = false;
        w.bars.push_back(b);
      }
      // The overall bar first, then the dimensions in id order (the page orders them by the work type).
      std::stable_sort(w.bars.begin(), w.bars.end(), [](const auto& a, const auto& b) { return !a.dimension_id && b.dimension_id; });
      if (ready) w.stage = "ready", out.ready.push_back(w);
      else if (reachable) w.stage = "within_reach", out.within_reach.push_back(w);
    }
    const auto by_shortfall = [](const PipelineWorker& a, const PipelineWorker& b) { return a.shortfall < b.shortfall; };
    std::stable_sort(out.ready.begin(), out.ready.end(), by_shortfall);
    std::stable_sort(out.within_reach.begin(), out.within_reach.end(), by_shortfall);
  });
  return out;
}

}  // namespace skb::service
