#pragma once
// Requests and responses as handlers see them: plain values, no sockets and no Beast types, so
// handlers compile fast and can be called directly from tests.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/people/actor.hpp"

namespace skb::http {

class SseChannel;

struct Request {
  std::string method;  // "GET"
  std::string path;    // decoded path, without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string client;  // remote address
  // Filled by the router:
  std::map<std::string, std::string> params;  // from "{id}" in the route pattern
  std::optional<service::Actor> actor;
  std::string session_token;  // the token the caller authenticated with
  std::string csrf_token;     // of that session

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string query_or(const std::string& name, const std::string& fallback = {}) const {
    auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, Cache-Control …)
  // Server-sent events: the server sends `body` first, then whatever the channel queues, until either side closes.
  std::shared_ptr<SseChannel> stream;

  static Response json(int status, std::string body) { return Response{status, "application/json; charset=utf-8", std::move(body), {}, {}}; }
  static Response no_content() { return Response{204, "", "", {}, {}}; }
};

}  // namespace skb::http
