#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>

#include "core/platform/error.hpp"
#include "http/handlers/contest/competition_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {

void add_judging_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/judging/tasks", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& t : s.judging.my_tasks(*req.actor)) items.push_back(to_json(t));
    auto r = json_response(boost::json::object{{"items", items}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  // One mark `{client_id, entry_id, aspect_id, value}` or a batch `{marks: [...]}`; a batch is all or nothing.
  router.add("POST", "/api/v1/marks", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    std::vector<service::MarkInput> marks;
    const bool batch = body.contains("marks");
    if (batch) {
      const auto* list = opt_array(body, "marks");
      if (!list) throw core::invalid("marks", "marks 应为数组 (must be an array)");
      for (size_t i = 0; i < list->size(); ++i) marks.push_back(mark_from_json((*list)[i], fmt::format("marks[{}]", i)));
    } else {
      marks.push_back(mark_from_json(body, "mark"));
    }
    const auto receipts = s.judging.submit(*req.actor, marks);
    boost::json::array items;
    for (const auto& r : receipts)
      items.push_back(boost::json::object{{"client_id", r.client_id}, {"seq", r.seq}, {"replayed", r.replayed}});
    const bool all_new = std::none_of(receipts.begin(), receipts.end(), [](const auto& r) { return r.replayed; });
    return json_response(batch ? boost::json::value(boost::json::object{{"items", items}}) : items.front(), all_new ? 201 : 200);
  });
  router.add("GET", "/api/v1/events/{id}/standings", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.judging.standings(*req.actor, path_id(req), query_id(req, "venue_id"))));
  });
  router.add("GET", "/api/v1/events/{id}/judge-report", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& j : s.judging.judge_report(*req.actor, path_id(req))) items.push_back(to_json(j));
    return json_response(boost::json::object{{"items", items}});
  });
}

}  // namespace skb::http
