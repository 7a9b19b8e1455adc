#include "service/analytics/structure.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>

#include "core/platform/error.hpp"
#include "service/people/orgs.hpp"
#include "service/people/scope_sql.hpp"

namespace skb::service {
namespace {

constexpr std::int64_t kMinOthers = 5;  // the fewest workers outside the organisation a city figure may rest on

using Key = std::pair<std::int64_t, int>;  // (work type, level)

// The top organisation of the tree the path lies in: "/1/4/17/" → "/1/".
std::string city_path(const std::string& path) { return path.substr(0, path.find('/', 1) + 1); }

std::string date_offset(const Context& ctx, int days) { return format_rfc3339(ctx.clock() - std::chrono::hours(24 * days)).substr(0, 10); }

// Today's workers per (work type, level) in a subtree.
std::map<Key, std::int64_t> counts_today(store::Connection& c, const std::string& path) {
  store::Params params;
  const auto where = subtree_condition("w.org_path", {path}, params);
  std::map<Key, std::int64_t> out;
  for (const auto& r : c.query("SELECT t.work_type_id, w.skill_level, COUNT(*) FROM workers w JOIN worker_work_types t ON t.worker_id = w.id WHERE " +
                                   where + " GROUP BY t.work_type_id, w.skill_level",
                               params))
    out[{r.i64(0), static_cast<int>(r.i64(1))}] = r.i64(2);
  return out;
}

// The level each worker's record gave on `date` (the latest entry effective by then); workers without
// one then were not yet on the record.
constexpr const char* kLevelOn =
    "JOIN level_history h ON h.worker_id = w.id AND h.id = (SELECT h2.id FROM level_history h2 WHERE h2.worker_id = w.id "
    "AND h2.effective_date <= ? ORDER BY h2.effective_date DESC, h2.id DESC LIMIT 1)";

std::map<Key, std::int64_t> counts_on(store::Connection& c, const std::string& path, const std::string& date) {
  store::Params params{date};
  const auto where = subtree_condition("w.org_path", {path}, params);
  std::map<Key, std::int64_t> out;
  for (const auto& r : c.query(std::string("SELECT t.work_type_id, h.skill_level, COUNT(*) FROM workers w JOIN worker_work_types t ON t.worker_id = w.id ") +
                                   kLevelOn + " WHERE " + where + " GROUP BY t.work_type_id, h.skill_level",
                               params))
    out[{r.i64(0), static_cast<int>(r.i64(1))}] = r.i64(2);
  return out;
}

// (all, high-skilled) distinct workers in a subtree, today or on a date.
std::pair<std::int64_t, std::int64_t> totals(store::Connection& c, const std::string& path, const std::optional<std::string>& date) {
  store::Params params;
  if (date) params.push_back(*date);
  const auto where = subtree_condition("w.org_path", {path}, params);
  const auto level = date ? "h.skill_level" : "w.skill_level";
  auto r = c.query_one(std::string("SELECT COUNT(*), COALESCE(SUM(CASE WHEN ") + level + " <= 3 THEN 1 ELSE 0 END), 0) FROM workers w " +
                           (date ? kLevelOn : "") + " WHERE " + where,
                       params);
  return {r->i64(0), r->i64(1)};
}

}  // namespace

bool is_high_skilled(core::SkillLevel level) { return static_cast<int>(level) <= static_cast<int>(core::SkillLevel::senior); }

SkillStructure StructureService::structure(const Actor& actor, std::int64_t org_id) const {
  SkillStructure out;
  ctx_.db.read([&](store::Connection& c) {
    const auto org = load_org(c, org_id);
    require(actor, core::Permission::read_workers, org.path);
    out.org_id = org.id;
    out.org_name = org.name;
    out.as_of = ctx_.today();
    out.year_ago = date_offset(ctx_, 365);
    const auto city = city_path(org.path);

    const auto own = counts_today(c, org.path), then = counts_on(c, org.path, out.year_ago), everyone = counts_today(c, city);
    const auto [all, high] = totals(c, org.path, std::nullopt);
    const auto [all_then, high_then] = totals(c, org.path, out.year_ago);
    const auto [city_all, city_high] = totals(c, city, std::nullopt);
    out.workers = all;
    out.workers_year_ago = all_then;
    out.high_skill_share = all ? static_cast<double>(high) / all : 0;
    out.high_skill_share_year_ago = all_then ? static_cast<double>(high_then) / all_then : 0;
    if (city_all - all >= kMinOthers) out.city_high_skill_share = static_cast<double>(city_high) / city_all;

    // Level rises in the last twelve months: an entry above the one before it.
    std::map<std::int64_t, std::int64_t> promotions;
    {
      store::Params params{out.year_ago, out.as_of};
      const auto where = subtree_condition("w.org_path", {org.path}, params);
      for (const auto& r : c.query("SELECT t.work_type_id, COUNT(*) FROM level_history h JOIN workers w ON w.id = h.worker_id "
                                   "JOIN worker_work_types t ON t.worker_id = w.id WHERE h.effective_date > ? AND h.effective_date <= ? AND " +
                                       where +
                                       " AND h.skill_level < (SELECT p.skill_level FROM level_history p WHERE p.worker_id = h.worker_id AND "
                                       "(p.effective_date < h.effective_date OR (p.effective_date = h.effective_date AND p.id < h.id)) "
                                       "ORDER BY p.effective_date DESC, p.id DESC LIMIT 1) GROUP BY t.work_type_id",
                                   params))
        promotions[r.i64(0)] = r.i64(1);
    }

    {
      store::Params params{out.year_ago, out.as_of};
      const auto where = subtree_condition("w.org_path", {org.path}, params);
      out.promotions = c.query_one("SELECT COUNT(*) FROM level_history h JOIN workers w ON w.id = h.worker_id WHERE h.effective_date > ? AND "
                                   "h.effective_date <= ? AND " + where +
                                       " AND h.skill_level < (SELECT p.skill_level FROM level_history p WHERE p.worker_id = h.worker_id AND "
                                       "(p.effective_date < h.effective_date OR (p.effective_date = h.effective_date AND p.id < h.id)) "
                                       "ORDER BY p.effective_date DESC, p.id DESC LIMIT 1)",
                                   params)
                           ->i64(0);
    }
    std::map<std::int64_t, WorkTypeStructure> by_type;
    for (const auto& [key, n] : own) by_type[key.first].total += n;
    for (const auto& [key, n] : then) by_type[key.first].year_ago_total += n;
    for (auto& [type, s] : by_type) {
      s.work_type_id = type;
      s.name = c.query_one("SELECT name FROM work_types WHERE id = ?", {type})->str(0);
      std::int64_t city_total = 0, city_high_total = 0, own_high = 0;
      for (auto level : core::kSkillLadder) {
        const Key key{type, static_cast<int>(level)};
        LevelCell cell{level, 0, 0, std::nullopt};
        if (auto it = own.find(key); it != own.end()) cell.count = it->second;
        if (auto it = then.find(key); it != then.end()) cell.year_ago = it->second;
        std::int64_t city_n = 0;
        if (auto it = everyone.find(key); it != everyone.end()) city_n = it->second;
        const auto others = city_n - cell.count;
        if (others == 0 || others >= kMinOthers) cell.city_count = city_n;
        city_total += city_n;
        if (is_high_skilled(level)) city_high_total += city_n, own_high += cell.count;
        s.levels.push_back(cell);
      }
      // With one level withheld, the city's total (or its high-skilled share) would give it away by
      // subtraction, so they go too.
      const bool any_withheld = std::any_of(s.levels.begin(), s.levels.end(), [](const LevelCell& l) { return !l.city_count; });
      if (city_total - s.total >= kMinOthers && !any_withheld) {
        s.city_total = city_total;
        s.city_high_skill_share = static_cast<double>(city_high_total) / city_total;
      }
      s.high_skill_share = s.total ? static_cast<double>(own_high) / s.total : 0;
      if (auto it = promotions.find(type); it != promotions.end()) s.promotions = it->second;
    }
    for (auto& [type, s] : by_type) out.work_types.push_back(std::move(s));
    std::stable_sort(out.work_types.begin(), out.work_types.end(), [](const auto& a, const auto& b) { return a.total > b.total; });

    // Age bands by birth date against today's cut-offs (whole years).
    const std::vector<std::pair<int, int>> bands{{16, 30}, {30, 40}, {40, 50}, {50, 0}};
    for (const auto& [from, to] : bands) {
      store::Params params;
      // Age ≥ from ⇔ born on or before today − from years; age < to ⇔ born after today − to years.
      const auto year = std::stoi(out.as_of.substr(0, 4));
      const auto cut = [&](int years) { return std::to_string(year - years) + out.as_of.substr(4); };
      std::string sql = "SELECT COUNT(*) FROM workers w WHERE w.birth_date <= ?";
      params.push_back(cut(from));
      if (to) {
        sql += " AND w.birth_date > ?";
        params.push_back(cut(to));
      }
      sql += " AND " + subtree_condition("w.org_path", {org.path}, params);
      out.ages.push_back({from, to, c.query_one(sql, params)->i64(0)});
    }
  });
  return out;
}

}  // namespace skb::service
