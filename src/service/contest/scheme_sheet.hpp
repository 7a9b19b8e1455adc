#pragma once
// 评分标准 as a spreadsheet: an event's marking scheme as one sheet in the layout skills competitions
// exchange (one row per 评分细项, the 模块 cells merged over the rows of their component), and rows
// of that sheet read back into a scheme. The import goes through CompetitionService::set_scheme, so
// the scheme is validated in one place and saved all or nothing; its problems come back by row.
#include <cstdint>
#include <string>
#include <vector>

#include "service/contest/competitions.hpp"
#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

// One row of the sheet as text; each cell is named by the import's JSON key. On the rows after a
// component's first, the component cells may be blank (merged cells read back empty) or repeat it.
struct SchemeRow {
  std::string component;           // 模块/任务
  std::string kind;                // 类型: 理论 / 实操
  std::string component_max;       // 模块配分
  std::string weight;              // 权重 (blank: 1)
  std::string time_limit_minutes;  // 时限(分钟) (blank: none)
  std::string criterion;           // 评分项目
  std::string aspect;              // 评分细项 (blank on a theory component: the exam score)
  std::string aspect_kind;         // 评分方式: 测量 / 评价 / 扣分
  std::string aspect_max;          // 配分
  std::string step;                // 步长 (blank: 0.5)
  std::string bands;               // 测量区间: "0-0.5:5;0.5-1:3"
  std::string dimension;           // 能力维度: a dimension name of the event's work type
  std::string disqualifies;        // 否决: 是 / 否 (blank: 否)
};

// Stateless; cheap to construct per request. Thread-safe as the services it calls.
class SchemeSheetService {
 public:
  SchemeSheetService(const Context& ctx, CompetitionService& competitions) : ctx_(ctx), competitions_(competitions) {}

  // The bytes of an .xlsx with the event's scheme (an empty scheme gives the blank template) and a
  // sheet of notes; readable by whoever may read the event.
  std::string export_xlsx(const Actor& actor, std::int64_t event_id) const;
  // Replaces the event's scheme with the rows' (as set_scheme; 409 scheme_frozen once marking
  // started). Any problem: 422 import_invalid with every problem by row (1 = the first row sent,
  // 0 = the scheme as a whole) and nothing saved.
  EventView import_rows(const Actor& actor, std::int64_t event_id, const std::vector<SchemeRow>& rows);

 private:
  const Context& ctx_;
  CompetitionService& competitions_;
};

}  // namespace skb::service
