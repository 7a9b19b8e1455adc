#pragma once
// Remembers the answer to each write sent with an Idempotency-Key, per user, so a retried write
// (a phone that lost the answer, a double click) gets the first answer instead of acting twice.
#include <optional>
#include <string>

#include "service/platform/context.hpp"

namespace skb::service {

struct StoredAnswer {
  std::string request_hash;  // the same key with a different request is a client error
  int status = 200;
  std::string content_type;
  std::string body;
};

class IdempotencyStore {
 public:
  explicit IdempotencyStore(const Context& ctx) : ctx_(ctx) {}
  std::optional<StoredAnswer> find(std::int64_t user_id, const std::string& key) const;
  void remember(std::int64_t user_id, const std::string& key, const StoredAnswer& answer);

 private:
  const Context& ctx_;
};

}  // namespace skb::service
