#include "service/analytics/gaps.hpp"

#include <algorithm>
#include <map>

#include "core/talent/ability.hpp"
#include "service/people/scope_sql.hpp"

namespace skb::service {

std::vector<ModelWorker> model_workers(store::Connection& c, const Actor& actor, const LoadedPostModel& l) {
  const auto& m = l.model;
  store::Params params{m.work_type_id};
  // The model's subtree and the reader's scope: a union template read by an enterprise's HR covers only
  // that enterprise's workers.
  const auto where = subtree_condition("w.org_path", {l.org_path}, params) + " AND " +
                     subtree_condition("w.org_path", actor.scope(core::Permission::read_workers), params);
  std::vector<ModelWorker> out;
  std::map<std::int64_t, size_t> index;
  for (const auto& r : c.query("SELECT w.id, w.name, w.org_id, o.name FROM workers w JOIN worker_work_types t ON t.worker_id = w.id AND t.work_type_id = ? "
                               "JOIN orgs o ON o.id = w.org_id WHERE " + where + " ORDER BY w.id",
                               params)) {
    index[r.i64(0)] = out.size();
    out.push_back({r.i64(0), r.i64(2), r.str(1), r.str(3), std::vector<std::optional<Band>>(m.targets.size())});
  }
  std::map<std::int64_t, size_t> target_of;
  for (size_t i = 0; i < m.targets.size(); ++i) target_of[m.targets[i].dimension_id] = i;
  store::Params p2{m.work_type_id};
  const auto where2 = subtree_condition("w.org_path", {l.org_path}, p2) + " AND " +
                      subtree_condition("w.org_path", actor.scope(core::Permission::read_workers), p2);
  // CROSS JOIN keeps the organisation's workers as the outer loop: SQLite would otherwise walk every portrait of the work type.
  for (const auto& r : c.query("SELECT s.worker_id, s.dimension_id, s.theta, s.se, s.evidence_count FROM workers w CROSS JOIN portrait_scores s "
                               "ON s.worker_id = w.id AND s.work_type_id = ? AND s.dimension_id <> 0 WHERE " + where2,
                               p2)) {
    auto w = index.find(r.i64(0));
    auto t = target_of.find(r.i64(1));
    if (w == index.end() || t == target_of.end() || r.i64(4) == 0) continue;
    const auto band = core::to_score_band({r.f64(2), r.f64(3), static_cast<int>(r.i64(4)), 0});
    out[w->second].scores[t->second] = Band{band.score, band.low, band.high};
  }
  return out;
}

GapAnalysis GapService::gaps(const Actor& actor, std::int64_t model_id) const {
  GapAnalysis out;
  ctx_.db.read([&](store::Connection& c) {
    const auto l = load_post_model(c, actor, model_id);
    out.model = l.model;
    const auto& targets = l.model.targets;
    std::map<std::int64_t, DepartmentGap> departments;
    std::map<std::int64_t, std::vector<std::pair<double, int>>> sums;  // department → per target (Σ score, n)
    for (auto& mw : model_workers(c, actor, l)) {
      WorkerGap g{mw.worker_id, mw.org_id, mw.name, mw.org_name, std::move(mw.scores), true, true, 0};
      auto& d = departments[g.org_id];
      d.org_id = g.org_id;
      d.name = g.org_name;
      auto& s = sums[g.org_id];
      s.resize(targets.size());
      for (size_t i = 0; i < targets.size(); ++i) {
        const auto& score = g.scores[i];
        if (!score) {
          g.meets = g.meets_surely = false;
          continue;
        }
        if (score->score < targets[i].target) g.meets = false;
        if (score->low < targets[i].target) g.meets_surely = false;
        g.total_gap += std::max(0.0, targets[i].target - score->score);
        s[i].first += score->score;
        ++s[i].second;
      }
      ++d.workers;
      if (g.meets) ++d.meeting, ++out.meeting;
      if (g.meets_surely) ++out.meeting_surely;
      out.workers.push_back(std::move(g));
    }
    for (auto& [org, d] : departments) {
      for (size_t i = 0; i < targets.size(); ++i) {
        const auto& [sum, n] = sums[org][i];
        d.means.push_back(n ? std::optional(sum / n) : std::nullopt);
        if (n && targets[i].target - sum / n > d.largest_gap) {
          d.largest_gap = targets[i].target - sum / n;
          d.largest_gap_dimension = targets[i].dimension_id;
        }
      }
      out.departments.push_back(std::move(d));
    }
    std::stable_sort(out.workers.begin(), out.workers.end(), [](const auto& a, const auto& b) { return a.total_gap > b.total_gap; });
    std::stable_sort(out.departments.begin(), out.departments.end(), [](const auto& a, const auto& b) { return a.largest_gap > b.largest_gap; });
  });
  return out;
}

}  // namespace skb::service
