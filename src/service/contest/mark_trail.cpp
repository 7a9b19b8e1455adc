#include "service/contest/mark_trail.hpp"

#include <boost/json.hpp>

#include <optional>
#include <string>

namespace skb::service {
namespace {

std::optional<std::int64_t> int_field(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_string()) return std::stoll(std::string(v->as_string()));
  return std::nullopt;
}

}  // namespace

std::vector<core::MarkTrailProblem> verify_mark_trail(const Context& ctx, std::int64_t* marks_checked) {
  std::vector<core::LoggedMark> marks;
  std::vector<core::AuditedMark> audited;
  ctx.db.read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT seq, entry_id, aspect_id, value FROM marks ORDER BY seq"))
      marks.push_back({r.i64(0), r.i64(1), r.i64(2), r.f64(3)});
    // Judges' and devices' marks are audited as mark.create / mark.amend; a correction's as correction.apply.
    for (const auto& r : c.query("SELECT action, entity_id, detail FROM audit_log WHERE (entity = 'mark' AND action IN "
                                 "('mark.create', 'mark.amend')) OR action = 'correction.apply' ORDER BY seq")) {
      boost::system::error_code ec;
      const auto detail = boost::json::parse(r.str(2), ec);
      if (ec || !detail.is_object()) continue;
      const auto& o = detail.as_object();
      core::AuditedMark a;
      if (r.str(0) == "correction.apply") {
        const auto seq = int_field(o, "mark_seq");
        if (!seq) continue;
        a.seq = *seq;
      } else {
        a.seq = std::stoll(r.str(1));
      }
      a.entry_id = int_field(o, "entry_id");
      a.aspect_id = int_field(o, "aspect_id");
      if (const auto* v = o.if_contains("value"); v && v->is_number()) a.value = v->to_number<double>();
      audited.push_back(a);
    }
  });
  if (marks_checked) *marks_checked = static_cast<std::int64_t>(marks.size());
  return core::compare_mark_trail(marks, audited);
}

}  // namespace skb::service
