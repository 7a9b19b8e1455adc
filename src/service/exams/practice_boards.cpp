#include "service/exams/practice_boards.hpp"

#include <cmath>

#include "core/platform/calendar.hpp"
#include "service/people/scope_sql.hpp"

namespace skb::service {
namespace {

core::BoardKey key_for(int points, int seconds) {
  // Points higher first, then seconds lower first; both exact integers.
  return core::BoardKey{static_cast<std::uint64_t>(points), ~static_cast<std::uint64_t>(seconds)};
}

std::string sum_sql(const PracticeBoardKey& key, store::Params& params, const std::string& extra) {
  std::string sql =
      "SELECT a.worker_id, SUM(a.right_answers), SUM(a.seconds) FROM practice_attempts a JOIN workers w ON w.id = a.worker_id "
      "WHERE a.work_type_id = ? AND a.submitted_at IS NOT NULL";
  params.push_back(key.work_type_id);
  if (!key.since_day.empty()) sql += " AND a.submitted_day >= ?", params.push_back(key.since_day);
  if (!key.org_path.empty()) sql += " AND " + subtree_condition("w.org_path", {key.org_path}, params);
  return sql + extra + " GROUP BY a.worker_id";
}

}  // namespace

std::pair<int, int> points_and_seconds(const core::BoardKey& key) {
  return {static_cast<int>(key.hi), static_cast<int>(~key.lo)};
}

std::string period_start(const std::string& period, const std::string& today) {
  if (period == "day") return today;
  if (period != "week") return "";
  // Days since 1970-01-01 (a Thursday) of `today`, back to its Monday.
  const auto t = core::parse_rfc3339_seconds(today + "T00:00:00Z").value_or(0);
  const auto days = t / 86400;
  const auto monday = days - ((days + 3) % 7);
  const std::time_t secs = static_cast<std::time_t>(monday * 86400);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[11];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

core::Board& PracticeBoards::board(store::Connection& c, const PracticeBoardKey& key) {
  auto it = boards_.find(key);
  if (it != boards_.end()) return it->second;
  core::Board board;
  store::Params params;
  for (const auto& r : c.query(sum_sql(key, params, ""), params))
    board.upsert(r.i64(0), key_for(static_cast<int>(r.i64(1)), static_cast<int>(r.i64(2))));
  // Old periods are never asked for again; keep the map from growing without bound.
  if (boards_.size() > 512) boards_.clear();
  return boards_.emplace(key, std::move(board)).first->second;
}

void PracticeBoards::attempt_committed(store::Connection& c, std::int64_t worker_id, std::int64_t work_type_id,
                                       const std::string& worker_org_path, const std::string& day) {
  std::lock_guard lock(mutex_);
  for (auto& [key, board] : boards_) {
    if (key.work_type_id != work_type_id || (!key.since_day.empty() && key.since_day > day)) continue;
    if (!key.org_path.empty() && worker_org_path.rfind(key.org_path, 0) != 0) continue;
    store::Params params;
    const auto sql = sum_sql(key, params, " AND a.worker_id = ?");
    params.push_back(worker_id);
    if (auto r = c.query_one(sql, params)) board.upsert(worker_id, key_for(static_cast<int>(r->i64(1)), static_cast<int>(r->i64(2))));
  }
}

}  // namespace skb::service
