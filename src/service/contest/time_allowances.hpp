#pragma once
// 时间补偿: when one venue of a simultaneous contest loses time on a timed task (a power cut, a machine
// fault), the chief judge records an allowance for that venue and task; it is taken off the recorded
// times of the venue's entrants wherever times count (time-based marks, the time tie-break).
#include <optional>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct TimeAllowanceInput {
  std::int64_t venue_id = 0;
  std::int64_t component_id = 0;
  double seconds = 0;  // 0 removes the allowance
  std::string reason;
};

struct TimeAllowanceView {
  std::int64_t venue_id = 0;
  std::string venue_name;
  std::int64_t component_id = 0;
  std::string component_name;
  double seconds = 0;
  std::string reason, recorded_by, recorded_at;
};

class TimeAllowanceService {
 public:
  explicit TimeAllowanceService(const Context& ctx) : ctx_(ctx) {}
  std::vector<TimeAllowanceView> list(const Actor& actor, std::int64_t event_id) const;
  // The event's chief judge or lead_judging; refused once the event is locked (a change then is a correction).
  std::vector<TimeAllowanceView> set(const Actor& actor, std::int64_t event_id, const TimeAllowanceInput& input);

 private:
  const Context& ctx_;
};

}  // namespace skb::service
