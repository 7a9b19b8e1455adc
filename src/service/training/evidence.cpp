#include "service/training/evidence.hpp"

#include <fmt/format.h>

namespace skb::service {

std::vector<EvidenceInput> derive_training_evidence(store::Connection& c, std::int64_t record_id) {
  std::vector<EvidenceInput> out;
  auto r = c.query_one("SELECT t.worker_id, t.score, t.completed_on, c.id, c.work_type_id, c.name FROM training_records t "
                       "JOIN courses c ON c.id = t.course_id WHERE t.id = ? AND t.status <> 'enrolled' AND t.score IS NOT NULL "
                       "AND t.completed_on IS NOT NULL",
                       {record_id});
  if (!r) return out;
  const auto label = fmt::format("培训 · {} · 结业成绩 {:g}", r->str(5), r->f64(1));
  const auto observed = r->str(2) + "T00:00:00Z";
  const auto context = "course:" + std::to_string(r->i64(3));
  const double share = r->f64(1) / 100.0;
  auto dims = c.query("SELECT cd.dimension_id FROM course_dimensions cd JOIN dimensions d ON d.id = cd.dimension_id "
                      "WHERE cd.course_id = ? ORDER BY d.position, d.id",
                      {r->i64(3)});
  if (dims.empty()) {
    out.push_back({r->i64(0), r->i64(4), std::nullopt, "course", share, kTrainingEvidenceWeight, 0.0, observed, label, context});
    return out;
  }
  for (const auto& d : dims)
    out.push_back({r->i64(0), r->i64(4), d.i64(0), "dim:" + std::to_string(d.i64(0)), share, kTrainingEvidenceWeight, 0.0, observed, label,
                   context});
  return out;
}

void refresh_training_evidence(store::Connection& c, const Context& ctx, std::int64_t record_id) {
  replace_evidence(c, ctx, "training", "record:" + std::to_string(record_id), derive_training_evidence(c, record_id));
}

std::vector<DerivedEvidence> derive_all_training_evidence(store::Connection& c) {
  std::vector<DerivedEvidence> out;
  for (const auto& r : c.query("SELECT id FROM training_records ORDER BY id"))
    out.push_back({"record:" + std::to_string(r.i64(0)), derive_training_evidence(c, r.i64(0))});
  return out;
}

}  // namespace skb::service
