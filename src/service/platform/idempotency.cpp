#include "service/platform/idempotency.hpp"

#include <chrono>

namespace skb::service {

std::optional<StoredAnswer> IdempotencyStore::find(std::int64_t user_id, const std::string& key) const {
  std::optional<StoredAnswer> answer;
  ctx_.db.read([&](store::Connection& c) {
    if (auto r = c.query_one("SELECT request_hash, status, content_type, body FROM idempotency_keys WHERE user_id = ? AND idem_key = ?",
                             {user_id, key}))
      answer = StoredAnswer{r->str(0), static_cast<int>(r->i64(1)), r->str(2), r->str(3)};
  });
  return answer;
}

void IdempotencyStore::remember(std::int64_t user_id, const std::string& key, const StoredAnswer& a) {
  ctx_.db.write([&](store::Connection& c) {
    // Keys are kept for a day, long enough for any client's retries.
    c.execute("DELETE FROM idempotency_keys WHERE created_at < ?", {format_rfc3339(ctx_.clock() - std::chrono::hours(24))});
    c.execute("INSERT INTO idempotency_keys(user_id, idem_key, request_hash, status, content_type, body, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
              {user_id, key, a.request_hash, std::int64_t{a.status}, a.content_type, a.body, ctx_.now_rfc3339()});
  });
}

}  // namespace skb::service
