// Live boards (docs/api/boards.md): the list, a snapshot, the server-sent-event stream, and the
// freeze and reveal of the award ceremony.
#include <charconv>

#include "core/platform/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/sse_channel.hpp"

namespace skb::http {
namespace {

service::BoardRequest board_request(const Request& req) {
  const auto view = req.query_or("view");
  if (!view.empty() && view != "public" && view != "live")
    throw core::invalid("view", "view 应为 public 或 live (view must be public or live)");
  return {req.actor ? &*req.actor : nullptr, req.params.at("id"), query_id(req, "org"), view == "public"};
}

}  // namespace

void add_board_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/boards", Access::optional, [&s](Request& req) {
    return Response::json(200, s.boards.list_json(req.actor ? &*req.actor : nullptr, query_id(req, "competition_id")));
  });
  router.add("GET", "/api/v1/boards/{id}", Access::optional, [&s](Request& req) {
    auto r = Response::json(200, s.boards.snapshot_json(board_request(req)));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("GET", "/api/v1/boards/{id}/rows", Access::optional, [&s](Request& req) {
    const auto text = req.query_or("offset", "0");
    std::size_t offset = 0;
    if (auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), offset); ec != std::errc() || end != text.data() + text.size())
      throw core::invalid("offset", "offset 应为非负整数 (offset must be a whole number ≥ 0)");
    return Response::json(200, s.boards.page_json(board_request(req), offset,
                                                  static_cast<std::size_t>(query_limit(req, 20, 500))));
  });
  router.add("GET", "/api/v1/boards/{id}/rows/{row_id}", Access::optional, [&s](Request& req) {
    return Response::json(200, s.boards.entrant_json(board_request(req), req.params.at("row_id")));
  });
  router.add("GET", "/api/v1/boards/{id}/stream", Access::optional, [&s](Request& req) {
    auto channel = std::make_shared<SseChannel>();
    auto started = s.boards.subscribe(board_request(req), req.header("last-event-id"), channel);
    channel->on_close = [&s, id = started.id] { s.boards.unsubscribe(id); };
    Response r;
    r.content_type = "text/event-stream; charset=utf-8";
    r.body = std::move(started.first);
    r.stream = std::move(channel);
    return r;
  });
  router.add("POST", "/api/v1/boards/{id}/freeze", Access::signed_in,
             [&s](Request& req) { return Response::json(200, s.boards.freeze(*req.actor, req.params.at("id"))); });
  router.add("POST", "/api/v1/boards/{id}/reveal", Access::signed_in,
             [&s](Request& req) { return Response::json(200, s.boards.reveal(*req.actor, req.params.at("id"))); });
  router.add("POST", "/api/v1/boards/{id}/unfreeze", Access::signed_in,
             [&s](Request& req) { return Response::json(200, s.boards.unfreeze(*req.actor, req.params.at("id"))); });
}

}  // namespace skb::http
