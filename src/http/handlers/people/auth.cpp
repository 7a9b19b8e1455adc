#include <boost/json.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace {

std::string session_cookie(const std::string& token, int max_age, bool secure) {
  return "skb_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

}  // namespace

void add_auth_routes(Router& router, service::Services& s, const ServerInfo& info) {
  const bool secure = info.secure_cookies;
  router.add("POST", "/api/v1/auth/login", Access::open, [&s, secure](Request& req) {
    const auto body = parse_object(req);
    const auto username = required_string(body, "username", 64);
    const auto password = required_string(body, "password", 256);
    auto session = s.auth.login(username, password, req.client);
    auto r = json_response(boost::json::object{
        {"token", session.token}, {"csrf_token", session.csrf_token}, {"user", to_json(session.actor)}});
    r.headers.emplace_back("Set-Cookie", session_cookie(session.token, 12 * 3600, secure));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("POST", "/api/v1/auth/logout", Access::signed_in, [&s, secure](Request& req) {
    s.auth.logout(req.session_token);
    auto r = Response::no_content();
    r.headers.emplace_back("Set-Cookie", session_cookie("", 0, secure));
    return r;
  });
  router.add("GET", "/api/v1/me", Access::signed_in, [](Request& req) {
    auto r = json_response(boost::json::object{{"user", to_json(*req.actor)}, {"csrf_token", req.csrf_token}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("POST", "/api/v1/me/password", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    s.auth.change_password(*req.actor, req.session_token, required_string(body, "old_password", 256), required_string(body, "new_password", 1000));
    return Response::no_content();
  });
}

}  // namespace skb::http
