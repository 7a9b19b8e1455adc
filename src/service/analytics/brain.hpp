#pragma once
// 技能大脑 big screen: a union's skills at a glance — workers and the high-skilled share per district (the
// organisation's children) against the union's target, the level structure and its change over a year,
// competitions under way with their live leaders (the boards' spectator view), today's practice and exams,
// and the workers whose portraits rose most in the last ninety days. Many screens poll it every few
// seconds, so each organisation's figures are computed at most once per ten seconds and shared.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "service/analytics/structure.hpp"
#include "service/boards/hub.hpp"

namespace skb::service {

struct BrainDistrict {
  std::int64_t org_id = 0;
  std::string name;
  std::int64_t workers = 0, high_skilled = 0, with_portrait = 0;
};

struct BrainEvent {
  std::int64_t event_id = 0;
  std::string competition, event, board_id;
  std::string leaders_json;  // the board's first rows as spectators see them (hub page JSON)
};

struct BrainImprover {
  std::int64_t worker_id = 0;
  std::string name, org_name, work_type_name;
  double before = 0, now = 0;  // overall portrait scores ninety days ago and now
};

struct Brain {
  std::string generated_at;
  SkillStructure structure;  // the organisation's, with the city beside it
  std::optional<double> high_skill_target;
  std::vector<BrainDistrict> districts;  // most workers first
  std::vector<BrainEvent> live;
  std::int64_t practice_today = 0, practising_today = 0, exams_today = 0;
  std::vector<BrainImprover> improvers;  // at most five, largest rise first
};

class BrainService {
 public:
  BrainService(const Context& ctx, BoardHub& boards) : ctx_(ctx), boards_(boards), structure_(ctx) {}
  // Whoever reads workers in the organisation.
  std::shared_ptr<const Brain> brain(const Actor& actor, std::int64_t org_id);
  // The union's target share of high-skilled workers for its organisation and those below (write_orgs).
  void set_high_skill_target(const Actor& actor, std::int64_t org_id, std::optional<double> share);

 private:
  std::shared_ptr<const Brain> compute(const Actor& actor, std::int64_t org_id);
  const Context& ctx_;
  BoardHub& boards_;
  StructureService structure_;
  std::mutex mutex_;
  std::map<std::int64_t, std::pair<std::chrono::steady_clock::time_point, std::shared_ptr<const Brain>>> cache_;
};

}  // namespace skb::service
