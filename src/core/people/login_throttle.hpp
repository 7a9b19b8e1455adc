#pragma once
// Login back-off: after a few failures for one key (an account at an address, an address, an account), each further attempt
// must wait twice as long as the last, up to a ceiling. Time is passed in; the caller keeps the clock.
#include <cstdint>
#include <string>
#include <unordered_map>

namespace skb::core {

class LoginThrottle {
 public:
  struct Policy {
    int free_failures = 5;          // failures allowed before waiting starts
    std::int64_t first_wait_s = 2;  // then 2, 4, 8, … seconds
    std::int64_t max_wait_s = 900;
    std::int64_t forget_after_s = 3600;
  };
  LoginThrottle() = default;
  explicit LoginThrottle(Policy policy) : policy_(policy) {}

  // Seconds the key must still wait before another attempt (0 = may try now).
  std::int64_t wait_seconds(const std::string& key, std::int64_t now_s) const;
  void record_failure(const std::string& key, std::int64_t now_s);
  void record_success(const std::string& key) { state_.erase(key); }
  // Whether the key has failed within the forgetting time.
  bool has_failed(const std::string& key, std::int64_t now_s) const;

 private:
  struct State {
    int failures = 0;
    std::int64_t last_failure_s = 0;
  };
  Policy policy_;
  std::unordered_map<std::string, State> state_;
};

}  // namespace skb::core
