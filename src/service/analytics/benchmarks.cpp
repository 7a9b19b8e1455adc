#include "service/analytics/benchmarks.hpp"

#include <algorithm>
#include <cmath>

#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"
#include "service/talent/portraits.hpp"

namespace skb::service {
namespace {

// The ⌊q·n⌋-th lowest, as the histogram's quantiles are taken.
double at(const std::vector<double>& sorted, double q) {
  const auto i = std::min(sorted.size() - 1, static_cast<size_t>(std::floor(q * static_cast<double>(sorted.size()))));
  return 100 * core::logistic(sorted[i]);
}

}  // namespace

Benchmarks BenchmarkService::benchmarks(const Actor& actor, std::int64_t org_id, std::int64_t work_type_id) const {
  Benchmarks out;
  ctx_.db.read([&](store::Connection& c) {
    const auto org = load_org(c, org_id);
    require(actor, core::Permission::read_workers, org.path);
    auto wt = c.query_one("SELECT name FROM work_types WHERE id = ?", {work_type_id});
    if (!wt) throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
    out = {org.id, work_type_id, org.name, wt->str(0), {}};
    std::vector<std::pair<std::int64_t, std::string>> dims{{0, "综合"}};
    for (const auto& r : c.query("SELECT id, name FROM dimensions WHERE work_type_id = ? ORDER BY position, id", {work_type_id}))
      dims.emplace_back(r.i64(0), r.str(1));
    for (const auto& [dim, name] : dims) {
      BenchmarkRow row{dim ? std::optional(dim) : std::nullopt, name, 0, std::nullopt, 0, std::nullopt};
      store::Params params{work_type_id, dim};
      const auto where = subtree_condition("w.org_path", {org.path}, params);
      std::vector<double> thetas;
      // CROSS JOIN keeps the organisation's workers as the outer loop: SQLite would otherwise walk every portrait of the work type.
      for (const auto& r : c.query("SELECT s.theta FROM workers w CROSS JOIN portrait_scores s ON s.worker_id = w.id AND s.work_type_id = ? AND s.dimension_id = ? "
                                   "WHERE s.evidence_count > 0 AND " + where + " ORDER BY s.theta",
                                   params))
        thetas.push_back(r.f64(0));
      row.org_n = static_cast<int>(thetas.size());
      if (row.org_n >= kMinGroup) row.org = Quartiles{at(thetas, 0.25), at(thetas, 0.5), at(thetas, 0.75)};
      row.city_n = c.query_one("SELECT COALESCE(SUM(n), 0) FROM portrait_histogram WHERE work_type_id = ? AND dimension_id = ?", {work_type_id, dim})->i64(0);
      if (row.city_n - row.org_n >= kMinGroup) {
        const auto p25 = peer_quantile(c, work_type_id, dim, 0.25), p50 = peer_quantile(c, work_type_id, dim, 0.5), p75 = peer_quantile(c, work_type_id, dim, 0.75);
        if (p25 && p50 && p75) row.city = Quartiles{*p25, *p50, *p75};
      }
      out.rows.push_back(std::move(row));
    }
  });
  return out;
}

}  // namespace skb::service
