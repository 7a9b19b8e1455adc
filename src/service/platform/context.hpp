#pragma once
// What every use case needs: the store, the sealer for personal data and the clock (passed in, so
// tests can set the time).
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "service/platform/change_feed.hpp"
#include "service/platform/crypto.hpp"
#include "store/database.hpp"

namespace skb::service {

using Clock = std::function<std::chrono::system_clock::time_point()>;

struct Context {
  store::Database& db;
  const Sealer& sealer;
  Clock clock = [] { return std::chrono::system_clock::now(); };
  std::string public_url = "http://localhost:8080";  // how people outside reach us (certificate QR codes)
  std::shared_ptr<ChangeFeed> changes = std::make_shared<ChangeFeed>();  // after-commit hints for the live boards

  std::string now_rfc3339() const;  // "2026-11-24T20:41:10Z"
  std::string today() const;        // "2026-11-24"
  std::int64_t now_seconds() const;
};

std::string format_rfc3339(std::chrono::system_clock::time_point t);

}  // namespace skb::service
