#pragma once
// Maps method + path pattern ("/api/v1/orgs/{id}") to a handler, and does for every API route what
// must never be forgotten: authenticate (session cookie or bearer token), check CSRF on cookie-authenticated
// writes, replay idempotent retries, and turn errors into the JSON error body with the right status.
// Routes are registered explicitly by main.cpp's wiring; dispatch is thread-safe once built.
#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"
#include "service/services.hpp"

namespace skb::http {

using Handler = std::function<Response(Request&)>;

// optional: anyone, but a caller who presents a session is known (public boards show judges more).
enum class Access { open, optional, signed_in };

struct RouteInfo {
  std::string method;
  std::string pattern;
  Access access;
};

class Router {
 public:
  explicit Router(service::Services& services) : services_(services) {}

  void add(std::string method, std::string pattern, Access access, Handler handler);
  // Answers every request under /api/; nullopt when the path is not an API path (static files then).
  Response dispatch(Request& request) const;
  std::vector<RouteInfo> routes() const;
  // Whether a path belongs to the router (its first segment starts some route), rather than to static files.
  bool handles(const std::string& path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Access access;
    Handler handler;
  };
  bool authenticate(Request& request) const;
  Response run(const Route& route, Request& request) const;

  service::Services& services_;
  std::vector<Route> routes_;
};

// The JSON error body for a core::Error (or any exception), with its status.
Response error_response(const std::exception& e);
Response error_response(int status, const std::string& code, const std::string& message, const std::string& field = {});

}  // namespace skb::http
