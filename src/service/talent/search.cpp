#include "service/talent/search.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/platform/calendar.hpp"
#include "core/platform/error.hpp"
#include "core/talent/ability.hpp"
#include "service/people/scope_sql.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/json_text.hpp"
#include "service/platform/spreadsheet.hpp"

namespace skb::service {
namespace {

constexpr size_t kMaxDimensionFilters = 5;

// A portrait score s (0–100) as the ability it stands for: θ with 100·σ(θ) = s.
double theta_of(double score) { return core::logit(score / 100); }

// The year of a stored birth date (YYYY-MM-DD); 0 when there is none to read.
int birth_year(const std::string& date) {
  int year = 0;
  std::from_chars(date.data(), date.data() + std::min<size_t>(4, date.size()), year);
  return year;
}

void check_score(double score, const std::string& field) {
  if (!std::isfinite(score) || score < 0 || score > 100) throw core::invalid(field, "分数应在 0–100 之间 (a score lies in 0–100)");
}

}  // namespace

TalentResult TalentSearchService::search(const Actor& actor, const TalentQuery& q) const { return run(actor, q, 200); }

std::string TalentSearchService::export_xlsx(const Actor& actor, TalentQuery q) const {
  q.limit = kMaxExportRows;
  const auto result = run(actor, q, kMaxExportRows);
  Sheet sheet{"人才搜索", {"姓名", "单位", "技能等级", "出生年份", "综合能力"}, {}};
  std::map<std::int64_t, std::string> names;
  ctx_.db.read([&](store::Connection& c) {
    for (const auto& [dim, score] : q.min_dimension)
      if (auto d = c.query_one("SELECT name FROM dimensions WHERE id = ?", {dim})) names[dim] = d->str(0);
  });
  for (const auto& [dim, score] : q.min_dimension) sheet.header.push_back(names[dim]);
  sheet.header.push_back("获奖次数");
  sheet.header.push_back("荣誉");
  const auto whole = [](double x) { return std::to_string(static_cast<long>(std::lround(x))); };
  for (const auto& h : result.items) {
    std::vector<std::string> row{h.name, h.org_name, std::string(core::to_chinese(h.level)), std::to_string(h.birth_year), whole(h.overall)};
    for (const auto& [dim, score] : h.dimensions) row.push_back(whole(score));
    row.push_back(std::to_string(h.awards));
    row.push_back(std::to_string(h.honours));
    sheet.rows.push_back(std::move(row));
  }
  boost::json::array dims;
  for (const auto& [dim, score] : q.min_dimension) dims.push_back(boost::json::array{dim, score});
  ctx_.db.write([&](store::Connection& c) {
    append_audit(c, ctx_, {actor.username, "talent.export", "work_type", std::to_string(q.work_type_id),
                           json_text(boost::json::object{{"rows", sheet.rows.size()}, {"total", result.total}, {"dims", dims},
                                                         {"min_level", q.min_level ? boost::json::value(core::to_code(*q.min_level)) : nullptr},
                                                         {"org_id", q.org_id ? boost::json::value(*q.org_id) : nullptr}})});
  });
  return write_xlsx({sheet});
}

TalentResult TalentSearchService::run(const Actor& actor, const TalentQuery& q, int max_limit) const {
  const auto scope = actor.scope(core::Permission::read_workers);
  if (scope.empty()) throw core::forbidden();
  if (q.limit < 1 || q.limit > max_limit) throw core::invalid("limit", "limit 应为 1–" + std::to_string(max_limit));
  if (q.min_dimension.size() > kMaxDimensionFilters) throw core::invalid("dims", "最多按 5 个能力维度筛选 (at most 5 dimension filters)");
  if (q.min_overall) check_score(*q.min_overall, "min_overall");
  for (const auto& [dim, score] : q.min_dimension) check_score(score, "dims");
  if (q.max_age && (*q.max_age < 16 || *q.max_age > 100)) throw core::invalid("max_age", "年龄应在 16–100 之间 (an age of 16–100)");
  if (q.awarded_since && !core::is_calendar_date(*q.awarded_since)) throw core::invalid("awarded_since", "日期格式应为 YYYY-MM-DD");
  static const std::set<std::string> kHonours{"any", "technical_expert", "golden_blue_collar", "craftsman", "may_day_medal", "model_worker", "other"};
  if (q.honour && !kHonours.count(*q.honour)) throw core::invalid("honour", "荣誉类别无效 (unknown honour kind)");
  TalentResult out;
  ctx_.db.read([&](store::Connection& c) {
    if (!c.query_one("SELECT 1 FROM work_types WHERE id = ?", {q.work_type_id})) throw core::invalid("work_type_id", "工种不存在 (no such work type)");
    for (const auto& [dim, score] : q.min_dimension)
      if (!c.query_one("SELECT 1 FROM dimensions WHERE id = ? AND work_type_id = ?", {dim, q.work_type_id}))
        throw core::invalid("dims", "能力维度不属于该工种 (a dimension of another work type)");
    store::Params params{q.work_type_id};
    // Workers with a portrait of the work type, each dimension filter one more indexed join.
    std::string from = " FROM portrait_scores p JOIN workers w ON w.id = p.worker_id";
    std::string where = " WHERE p.work_type_id = ? AND p.dimension_id = 0";
    for (size_t i = 0; i < q.min_dimension.size(); ++i) {
      if (q.min_dimension[i].second <= 0) continue;  // every score passes
      from += fmt::format(" JOIN portrait_scores d{0} ON d{0}.worker_id = w.id AND d{0}.work_type_id = p.work_type_id AND d{0}.dimension_id = {1}"
                          " AND d{0}.theta >= {2:.17g}",
                          i, q.min_dimension[i].first, theta_of(q.min_dimension[i].second));
    }
    where += " AND " + subtree_condition("w.org_path", scope, params);
    if (q.org_id) {
      auto org = c.query_one("SELECT path FROM orgs WHERE id = ?", {*q.org_id});
      if (!org) throw core::invalid("org_id", "组织不存在 (no such organisation)");
      where += " AND " + subtree_condition("w.org_path", {org->str(0)}, params);
    }
    if (q.min_level) {
      where += " AND w.skill_level <= ?";  // a smaller number is a higher level
      params.push_back(static_cast<std::int64_t>(*q.min_level));
    }
    if (q.min_overall && *q.min_overall > 0) {
      where += " AND p.theta >= ?";
      params.push_back(theta_of(*q.min_overall));
    }
    if (q.max_age) {
      // Born on or after this date: not yet max_age + 1 today.
      const auto today = ctx_.today();
      where += " AND w.birth_date > ?";
      params.push_back(std::to_string(std::stoi(today.substr(0, 4)) - *q.max_age - 1) + today.substr(4));
    }
    if (q.awarded_since) {
      where += " AND EXISTS (SELECT 1 FROM certificates x WHERE x.worker_id = w.id AND x.revoked = 0 AND x.issued_on >= ?)";
      params.push_back(*q.awarded_since);
    }
    if (q.honour) {
      where += " AND EXISTS (SELECT 1 FROM honours h WHERE h.worker_id = w.id";
      if (*q.honour != "any") {
        where += " AND h.kind = ?";
        params.push_back(*q.honour);
      }
      where += ")";
    }
    out.total = c.query_one("SELECT COUNT(*)" + from + where, params)->i64(0);
    auto page = params;
    page.push_back(static_cast<std::int64_t>(q.limit));
    for (const auto& r : c.query("SELECT w.id, w.name, (SELECT name FROM orgs WHERE id = w.org_id), w.skill_level, w.birth_date, p.theta, "
                                 "(SELECT COUNT(*) FROM certificates x WHERE x.worker_id = w.id AND x.revoked = 0), "
                                 "(SELECT COUNT(*) FROM honours h WHERE h.worker_id = w.id)" +
                                     from + where + " ORDER BY p.theta DESC, w.id LIMIT ?",
                                 page)) {
      TalentHit h{r.i64(0), r.str(1), r.str(2), static_cast<core::SkillLevel>(r.i64(3)), birth_year(r.str(4)),
                  100 * core::logistic(r.f64(5)), {}, static_cast<int>(r.i64(6)), static_cast<int>(r.i64(7))};
      for (const auto& [dim, score] : q.min_dimension) {
        auto d = c.query_one("SELECT theta FROM portrait_scores WHERE worker_id = ? AND work_type_id = ? AND dimension_id = ?",
                             {h.worker_id, q.work_type_id, dim});
        h.dimensions.push_back({dim, d ? 100 * core::logistic(d->f64(0)) : 0});
      }
      out.items.push_back(std::move(h));
    }
  });
  return out;
}

}  // namespace skb::service
