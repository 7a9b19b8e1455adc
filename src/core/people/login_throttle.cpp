#include "core/people/login_throttle.hpp"

#include <algorithm>

namespace skb::core {

std::int64_t LoginThrottle::wait_seconds(const std::string& key, std::int64_t now_s) const {
  auto it = state_.find(key);
  if (it == state_.end()) return 0;
  const State& s = it->second;
  if (now_s - s.last_failure_s >= policy_.forget_after_s || s.failures < policy_.free_failures) return 0;
  const int doublings = std::min(s.failures - policy_.free_failures, 20);
  const std::int64_t wait = std::min(policy_.first_wait_s << doublings, policy_.max_wait_s);
  return std::max<std::int64_t>(0, s.last_failure_s + wait - now_s);
}

bool LoginThrottle::has_failed(const std::string& key, std::int64_t now_s) const {
  auto it = state_.find(key);
  return it != state_.end() && it->second.failures > 0 && now_s - it->second.last_failure_s < policy_.forget_after_s;
}

void LoginThrottle::record_failure(const std::string& key, std::int64_t now_s) {
  State& s = state_[key];
  if (now_s - s.last_failure_s >= policy_.forget_after_s) s.failures = 0;
  ++s.failures;
  s.last_failure_s = now_s;
  if (state_.size() > 100000) {  // bound memory under a spray of usernames: drop the stale ones
    std::erase_if(state_, [&](const auto& kv) { return now_s - kv.second.last_failure_s >= policy_.forget_after_s; });
  }
}

}  // namespace skb::core
