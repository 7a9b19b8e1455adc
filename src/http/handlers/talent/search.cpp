#include <boost/json.hpp>

#include <charconv>
#include <cmath>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/services.hpp"

// 人才搜索: GET /talent/search?work_type_id=&min_level=&org_id=&max_age=&min_overall=&dims=12:80,13:70
// &awarded_since=YYYY-MM-DD&honour=any|technical_expert|…&limit= — within the searcher's read_workers scope.
namespace skb::http {
namespace {

namespace json = boost::json;

std::optional<double> query_number(const Request& req, const char* name) {
  const auto text = req.query_or(name);
  if (text.empty()) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) throw core::invalid(name, std::string(name) + " 应为数字 (must be a number)");
  return v;
}

// "12:80,13:70" → (dimension, minimum score) pairs.
std::vector<std::pair<std::int64_t, double>> dimension_filters(const std::string& text) {
  std::vector<std::pair<std::int64_t, double>> out;
  size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const auto part = text.substr(start, end - start);
    const auto colon = part.find(':');
    std::int64_t dim = 0;
    double score = 0;
    const bool ok = colon != std::string::npos &&
                    std::from_chars(part.data(), part.data() + colon, dim).ptr == part.data() + colon && dim > 0 &&
                    std::from_chars(part.data() + colon + 1, part.data() + part.size(), score).ptr == part.data() + part.size();
    if (!ok) throw core::invalid("dims", "dims 应为 维度编号:最低分,… (dims is dimension:score,…)");
    out.push_back({dim, score});
    if (out.size() > 5) throw core::invalid("dims", "最多按 5 个能力维度筛选 (at most 5 dimension filters)");
    start = end + 1;
  }
  return out;
}

service::TalentQuery talent_query(const Request& req) {
  service::TalentQuery q;
  const auto work_type = query_id(req, "work_type_id");
  if (!work_type) throw core::invalid("work_type_id", "请指定工种 (work_type_id is required)");
  q.work_type_id = *work_type;
  if (const auto level = req.query_or("min_level"); !level.empty()) {
    q.min_level = core::parse_skill_level(level);
    if (!q.min_level) throw core::invalid("min_level", "技能等级无效 (not a skill level)");
  }
  q.org_id = query_id(req, "org_id");
  if (const auto age = query_number(req, "max_age")) {
    // Checked before the cast: a double outside int's range has no int to become.
    if (*age < 16 || *age > 100 || *age != std::floor(*age)) throw core::invalid("max_age", "年龄应为 16–100 的整数 (a whole age of 16–100)");
    q.max_age = static_cast<int>(*age);
  }
  q.min_overall = query_number(req, "min_overall");
  q.min_dimension = dimension_filters(req.query_or("dims"));
  if (const auto since = req.query_or("awarded_since"); !since.empty()) q.awarded_since = since;
  if (const auto honour = req.query_or("honour"); !honour.empty()) q.honour = honour;
  return q;
}

}  // namespace

void add_talent_search_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/talent/search", Access::signed_in, [&s](Request& req) {
    auto q = talent_query(req);
    q.limit = query_limit(req, 50, 200);
    const auto result = s.talent_search.search(*req.actor, q);
    json::array items;
    for (const auto& h : result.items) {
      json::array dims;
      for (const auto& [dim, score] : h.dimensions) dims.push_back(json::object{{"dimension_id", id_json(dim)}, {"score", score}});
      items.push_back(json::object{{"worker_id", id_json(h.worker_id)}, {"name", h.name}, {"org_name", h.org_name},
                                   {"skill_level", core::to_code(h.level)}, {"birth_year", h.birth_year}, {"overall", h.overall},
                                   {"dimensions", std::move(dims)}, {"awards", h.awards}, {"honours", h.honours}});
    }
    return json_response(json::object{{"items", std::move(items)}, {"total", result.total}});
  });
  router.add("GET", "/api/v1/talent/search.xlsx", Access::signed_in, [&s](Request& req) {
    Response r{200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", s.talent_search.export_xlsx(*req.actor, talent_query(req)),
               {}, {}};
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"talent.xlsx\"; filename*=UTF-8''%E4%BA%BA%E6%89%8D%E6%90%9C%E7%B4%A2.xlsx");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
}

}  // namespace skb::http
