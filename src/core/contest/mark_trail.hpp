#pragma once
// 信息留痕: the mark log and the audit log are written in the same transaction, so each mark has its
// audit record (value included) in the hash chain. Comparing the two finds a mark changed, deleted or
// added behind the application's back — the chain itself only proves the audit log is intact.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skb::core {

struct LoggedMark {
  std::int64_t seq = 0;
  std::int64_t entry_id = 0;
  std::int64_t aspect_id = 0;
  double value = 0;
};

// What the audit record says of a mark; older records may not say everything.
struct AuditedMark {
  std::int64_t seq = 0;
  std::optional<std::int64_t> entry_id;
  std::optional<std::int64_t> aspect_id;
  std::optional<double> value;
};

struct MarkTrailProblem {
  std::int64_t seq = 0;
  std::string code;  // unaudited (no audit record), altered (differs from it), deleted (audited, gone)
  std::string message;
};

// Both lists in any order; problems come sorted by mark seq.
std::vector<MarkTrailProblem> compare_mark_trail(const std::vector<LoggedMark>& marks, const std::vector<AuditedMark>& audited);

}  // namespace skb::core
