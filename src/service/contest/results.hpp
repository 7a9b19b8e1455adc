#pragma once
// 成绩签发: the chief judge resolves flagged panels and locks each event; the organiser sets prize
// tiers and publishes; published awards propose skill-level promotions that the organiser confirms.
#include <optional>
#include <string>
#include <vector>

#include "core/contest/awards.hpp"
#include "service/contest/judging.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"
#include "service/platform/spreadsheet.hpp"

namespace skb::service {

struct PromotionView {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t entry_id = 0;
  std::int64_t worker_id = 0;
  std::string worker_name;
  std::string award;
  core::SkillLevel from_level = core::SkillLevel::junior;
  core::SkillLevel to_level = core::SkillLevel::junior;
  std::string status;  // proposed, confirmed, rejected
};

class ResultsService {
 public:
  explicit ResultsService(const Context& ctx) : ctx_(ctx) {}

  void resolve_flag(const Actor& actor, std::int64_t event_id, std::int64_t entry_id, std::int64_t aspect_id, const std::string& note);
  // Refused (409 not_ready) while any entrant is unmarked or any flag unresolved.
  Standings lock_event(const Actor& actor, std::int64_t event_id);
  // Aspect locks: once the chief judge locks an aspect (for one venue or all), its marks are final.
  struct AspectLock {
    std::int64_t aspect_id = 0;
    std::optional<std::int64_t> venue_id;  // nullopt: every venue
    std::string locked_by, locked_at;
  };
  std::vector<AspectLock> aspect_locks(const Actor& actor, std::int64_t event_id) const;
  void lock_aspect(const Actor& actor, std::int64_t event_id, std::int64_t aspect_id, std::optional<std::int64_t> venue_id, bool locked);
  std::vector<core::AwardTier> award_tiers(const Actor& actor, std::int64_t event_id) const;
  std::vector<core::AwardTier> set_award_tiers(const Actor& actor, std::int64_t event_id, const std::vector<core::AwardTier>& tiers);
  std::vector<PromotionView> promotions(const Actor& actor, std::int64_t event_id) const;
  PromotionView decide_promotion(const Actor& actor, std::int64_t promotion_id, bool confirm);
  // Every component and aspect score, the total, rank and award of each entrant, for Excel.
  Sheet results_sheet(const Actor& actor, std::int64_t event_id) const;
  // 晋级下一阶段: the entrants of a locked stage (an event) that advance by top N or top p%, overall or
  // per venue (ties at the cut all advance), registered into the next stage's event at the same venue.
  std::vector<EntryView> advance(const Actor& actor, std::int64_t from_event_id, std::int64_t to_event_id, std::optional<int> top_n,
                                 std::optional<double> top_percent, bool per_venue);

 private:
  const Context& ctx_;
};

// Publishing, inside the caller's transaction: every event must be locked; award winners whose tier
// promotes above their current level get a proposal. Called by the competition's status change.
void publish_results(store::Connection& conn, const Context& ctx, const std::string& by, std::int64_t competition_id);

// The event's chief judge (by assignment) or a lead_judging grant covering it; else forbidden.
void require_chief(store::Connection& conn, const Actor& actor, const EventView& event);

}  // namespace skb::service
