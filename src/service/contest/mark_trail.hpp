#pragma once
// 信息留痕 for the contest: the mark log checked against the audit chain (verify the chain first with
// verify_audit, since an intact chain is what the marks are compared with).
#include <cstdint>
#include <vector>

#include "core/contest/mark_trail.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

// Every row of the mark log against its audit record: marks altered, deleted or added outside the
// application. Empty when they agree.
std::vector<core::MarkTrailProblem> verify_mark_trail(const Context& ctx, std::int64_t* marks_checked = nullptr);

}  // namespace skb::service
