#include "service/platform/context.hpp"

#include <fmt/chrono.h>

namespace skb::service {

std::string format_rfc3339(std::chrono::system_clock::time_point t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(t));
}

std::string Context::now_rfc3339() const { return format_rfc3339(clock()); }
std::string Context::today() const { return now_rfc3339().substr(0, 10); }
std::int64_t Context::now_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock().time_since_epoch()).count();
}

}  // namespace skb::service
