#include "http/router.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "core/platform/error.hpp"
#include "service/platform/crypto.hpp"

namespace skb::http {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

int status_of(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::invalid: return 400;
    case core::ErrorKind::unauthenticated: return 401;
    case core::ErrorKind::forbidden: return 403;
    case core::ErrorKind::not_found: return 404;
    case core::ErrorKind::conflict: return 409;
    case core::ErrorKind::unprocessable: return 422;
    case core::ErrorKind::rate_limited: return 429;
    case core::ErrorKind::internal: return 500;
    case core::ErrorKind::unsupported_media_type: return 415;
    case core::ErrorKind::unavailable: return 503;
  }
  return 500;
}

bool unsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

std::string cookie_value(const std::string& cookies, const std::string& name) {
  size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    const size_t end = std::min(cookies.find(';', at), cookies.size());
    const std::string pair = cookies.substr(at, end - at);
    if (pair.starts_with(name + "=")) return pair.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

}  // namespace

Response error_response(int status, const std::string& code, const std::string& message, const std::string& field) {
  boost::json::object error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return Response::json(status, skb::service::json_text(boost::json::object{{"error", error}}));
}

Response error_response(const std::exception& e) {
  if (const auto* err = dynamic_cast<const core::Error*>(&e)) {
    boost::json::object error{{"code", err->code()}, {"message", err->what()}};
    if (!err->field().empty()) error["field"] = err->field();
    if (!err->problems.empty()) {
      boost::json::array rows;
      for (const auto& p : err->problems)
        rows.push_back(boost::json::object{{"row", p.row}, {"field", p.field}, {"code", p.code}, {"message", p.message}});
      error[err->kind() == core::ErrorKind::unprocessable ? "rows" : "problems"] = std::move(rows);
    }
    Response r = Response::json(status_of(err->kind()), skb::service::json_text(boost::json::object{{"error", error}}));
    if (err->retry_after_seconds > 0) r.headers.emplace_back("Retry-After", std::to_string(err->retry_after_seconds));
    else if (err->kind() == core::ErrorKind::unavailable) r.headers.emplace_back("Retry-After", "30");
    if (err->kind() == core::ErrorKind::internal) spdlog::error("internal error: {}", err->what());
    return r;
  }
  spdlog::error("unexpected error: {}", e.what());
  return error_response(500, "internal", "服务器内部错误 (internal server error)");
}

void Router::add(std::string method, std::string pattern, Access access, Handler handler) {
  auto segments = split_path(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), access, std::move(handler)});
}

bool Router::handles(const std::string& path) const {
  const auto segments = split_path(path);
  if (segments.empty()) return false;
  return std::any_of(routes_.begin(), routes_.end(), [&](const Route& r) { return !r.segments.empty() && r.segments[0] == segments[0]; });
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : routes_) out.push_back({r.method, r.pattern, r.access});
  return out;
}

bool Router::authenticate(Request& req) const {
  std::string token;
  bool via_cookie = false;
  const auto auth = req.header("authorization");
  if (auth.starts_with("Bearer ")) {
    token = auth.substr(7);
  } else {
    token = cookie_value(req.header("cookie"), "skb_session");
    via_cookie = !token.empty();
  }
  if (token.empty()) return false;
  auto found = services_.auth.authenticate(token);
  if (!found) return false;
  req.actor = std::move(found->first);
  req.session_token = token;
  req.csrf_token = found->second;
  // A browser sends the cookie on its own, so cookie-authenticated writes must prove they came from our page.
  if (via_cookie && unsafe(req.method) && req.header("x-csrf-token") != req.csrf_token)
    throw core::Error(core::ErrorKind::forbidden, "csrf_failed", "缺少或错误的 CSRF 令牌 (missing or wrong X-CSRF-Token)");
  return true;
}

Response Router::run(const Route& route, Request& req) const {
  if (route.access == Access::signed_in && !authenticate(req))
    return error_response(401, "unauthenticated", "请先登录 (sign in first)");
  if (route.access == Access::optional) authenticate(req);  // an expired session reads as a spectator
  const auto key = req.header("idempotency-key");
  if (key.empty() || !unsafe(req.method) || !req.actor) return route.handler(req);

  if (key.size() > 200) return error_response(400, "validation_failed", "Idempotency-Key is too long", "Idempotency-Key");
  const auto request_hash = service::sha256_hex(req.method + " " + req.path + "\n" + req.body);
  if (auto seen = services_.idempotency.find(req.actor->user_id, key)) {
    if (seen->request_hash != request_hash)
      return error_response(409, "idempotency_key_reused", "该幂等键已用于另一个请求 (Idempotency-Key was used for a different request)");
    Response replay{seen->status, seen->content_type, seen->body, {{"Idempotent-Replayed", "true"}}, {}};
    return replay;
  }
  Response response;
  try {
    response = route.handler(req);
  } catch (const core::Error& e) {
    response = error_response(e);
  }
  // Remember answers that reflect a decision (success or a client error), not transient failures.
  if (response.status < 500 && response.status != 429)
    services_.idempotency.remember(req.actor->user_id, key, {request_hash, response.status, response.content_type, response.body});
  return response;
}

Response Router::dispatch(Request& req) const {
  const auto segments = split_path(req.path);
  bool path_matched = false;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const auto& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') params[want.substr(1, want.size() - 2)] = segments[i];
      else match = want == segments[i];
    }
    if (!match) continue;
    path_matched = true;
    if (route.method != req.method && !(req.method == "HEAD" && route.method == "GET")) continue;
    req.params = std::move(params);
    try {
      return run(route, req);
    } catch (const std::exception& e) {
      return error_response(e);
    }
  }
  if (path_matched) return error_response(405, "method_not_allowed", "method " + req.method + " is not allowed here");
  return error_response(404, "not_found", "no such API endpoint: " + req.path);
}

}  // namespace skb::http
