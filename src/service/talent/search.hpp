#pragma once
// 人才搜索: workers of one work type found by what their portraits and records say — skill level at or
// above, overall and per-dimension portrait scores, organisation subtree (region, enterprise), age and
// competition awards since a date, honours — inside the searcher's scope, strongest first.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/people/skill_level.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct TalentQuery {
  std::int64_t work_type_id = 0;
  std::optional<core::SkillLevel> min_level;                  // this level or higher
  std::optional<std::int64_t> org_id;                         // inside this organisation's subtree
  std::optional<int> max_age;                                 // in whole years today
  std::optional<double> min_overall;                          // portrait score 0–100
  std::vector<std::pair<std::int64_t, double>> min_dimension;  // (dimension, score 0–100), all must hold
  std::optional<std::string> awarded_since;                   // a certificate issued on or after (YYYY-MM-DD)
  std::optional<std::string> honour;                          // holds an honour of this kind ("any": of any kind)
  int limit = 50;
};

struct TalentHit {
  std::int64_t worker_id = 0;
  std::string name;
  std::string org_name;
  core::SkillLevel level = core::SkillLevel::junior;
  int birth_year = 0;
  double overall = 0;  // portrait score 0–100
  std::vector<std::pair<std::int64_t, double>> dimensions;  // the filtered dimensions' scores
  int awards = 0;
  int honours = 0;
};

struct TalentResult {
  std::vector<TalentHit> items;  // strongest overall first
  std::int64_t total = 0;        // all matches in scope
};

class TalentSearchService {
 public:
  static constexpr int kMaxExportRows = 10000;
  explicit TalentSearchService(const Context& ctx) : ctx_(ctx) {}
  TalentResult search(const Actor& actor, const TalentQuery& query) const;
  // Every match (up to 10,000, strongest first) as an .xlsx workbook: names, organisations, levels, birth
  // years, scores and awards — no ID or phone numbers. Audited as talent.export with the filters and count.
  std::string export_xlsx(const Actor& actor, TalentQuery query) const;

 private:
  TalentResult run(const Actor& actor, const TalentQuery& query, int max_limit) const;
  const Context& ctx_;
};

}  // namespace skb::service
