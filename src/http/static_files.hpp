#pragma once
// Serves the built web front end (web/dist): hashed assets with a year-long immutable cache, and
// index.html for every other non-API path so the single-page app's routes work on reload.
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>

#include "http/message.hpp"

namespace skb::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // nullopt when there is no web root or no index.html.
  std::optional<Response> serve(const std::string& path) const;

 private:
  std::optional<std::string> read(const std::string& relative) const;
  std::string root_;
  mutable std::shared_mutex mutex_;
  mutable std::map<std::string, std::string> cache_;
};

}  // namespace skb::http
