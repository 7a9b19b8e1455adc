#include "core/contest/mark_trail.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace skb::core {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::vector<MarkTrailProblem> compare_mark_trail(const std::vector<LoggedMark>& marks, const std::vector<AuditedMark>& audited) {
  std::map<std::int64_t, const AuditedMark*> by_seq;
  for (const auto& a : audited) by_seq[a.seq] = &a;
  std::vector<MarkTrailProblem> out;
  std::map<std::int64_t, bool> seen;
  for (const auto& m : marks) {
    seen[m.seq] = true;
    const auto it = by_seq.find(m.seq);
    if (it == by_seq.end()) {
      const auto n = std::to_string(m.seq);
      out.push_back({m.seq, "unaudited", "评分 #" + n + " 没有审计记录（未经系统写入） (mark " + n + " has no audit record)"});
      continue;
    }
    const auto& a = *it->second;
    const bool value_differs = a.value && std::fabs(*a.value - m.value) > 1e-9;
    const bool moved = (a.entry_id && *a.entry_id != m.entry_id) || (a.aspect_id && *a.aspect_id != m.aspect_id);
    if (moved || value_differs) {
      const auto n = std::to_string(m.seq);
      out.push_back({m.seq, "altered",
                     "评分 #" + n + " 与审计记录不符：现为 " + number(m.value) + "，记录为 " + (a.value ? number(*a.value) : "?") +
                         " (mark " + n + " differs from its audit record)"});
    }
  }
  for (const auto& a : audited)
    if (!seen.count(a.seq))
      out.push_back({a.seq, "deleted",
                     "评分 #" + std::to_string(a.seq) + " 有审计记录但已不在评分日志中 (mark " + std::to_string(a.seq) + " was deleted)"});
  std::sort(out.begin(), out.end(), [](const MarkTrailProblem& x, const MarkTrailProblem& y) { return x.seq < y.seq; });
  return out;
}

}  // namespace skb::core
