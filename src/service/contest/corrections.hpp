#pragma once
// 成绩更正: once an event is locked nobody can quietly change a mark. A correction names the mark (entry,
// aspect, judge), the new value and the reason; it applies only after both the chief judge and an
// organiser confirm it, each re-entering their password. It is then appended to the mark log, and the
// standings, awards and certificates follow. Every step is audited and listed in the results' history.
#include <optional>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct CorrectionInput {
  std::int64_t entry_id = 0;
  std::int64_t aspect_id = 0;
  std::int64_t judge_user_id = 0;  // whose mark is corrected
  double value = 0;
  std::string reason;
};

struct CorrectionView {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t entry_id = 0;
  std::int64_t aspect_id = 0;
  std::int64_t judge_user_id = 0;
  std::optional<double> old_value;
  double new_value = 0;
  std::string reason;
  std::string requested_by, requested_at;
  std::string chief_confirmed_by, organiser_confirmed_by;
  std::optional<double> old_total, new_total;
  std::string status;  // pending, applied, rejected
};

class CorrectionService {
 public:
  explicit CorrectionService(const Context& ctx) : ctx_(ctx) {}
  CorrectionView request(const Actor& actor, std::int64_t event_id, const CorrectionInput& input);
  // The chief judge's or the organiser's confirmation (whichever the actor is, and not twice by one person).
  CorrectionView confirm(const Actor& actor, std::int64_t correction_id, const std::string& password);
  CorrectionView reject(const Actor& actor, std::int64_t correction_id, const std::string& password);
  std::vector<CorrectionView> history(const Actor& actor, std::int64_t event_id) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
