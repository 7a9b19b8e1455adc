#pragma once
// 职业生涯时间线: one worker's career across the domains that record it — competitions entered and
// certificates won (contest), exams sat (exams), courses (training), honours (talent), skill-level changes
// (people) — newest first.
#include <cstdint>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct TimelineItem {
  std::string date;     // YYYY-MM-DD (or an RFC 3339 time)
  std::string kind;     // competition | certificate | exam | training | honour | level
  std::string title;
  std::string detail;
  std::string context;  // event:7 | exam:4 | course:3 | "" — the page it comes from
};

class TimelineService {
 public:
  explicit TimelineService(const Context& ctx) : ctx_(ctx) {}
  // The worker themself, or whoever may read workers in the worker's organisation.
  std::vector<TimelineItem> timeline(const Actor& actor, std::int64_t worker_id) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
