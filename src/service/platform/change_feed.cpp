#include "service/platform/change_feed.hpp"

#include <algorithm>

namespace skb::service {

int ChangeFeed::listen(Listener listener) {
  std::lock_guard lock(mutex_);
  listeners_.emplace_back(next_token_, std::move(listener));
  return next_token_++;
}

void ChangeFeed::unlisten(int token) {
  std::lock_guard lock(mutex_);
  std::erase_if(listeners_, [token](const auto& l) { return l.first == token; });
}

void ChangeFeed::publish(const Change& change) {
  std::lock_guard lock(mutex_);
  for (const auto& [token, listener] : listeners_) listener(change);
}

}  // namespace skb::service
