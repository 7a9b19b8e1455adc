#include "service/people/worker_sheet.hpp"

#include <array>
#include <map>

#include "core/platform/csv.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"

namespace skb::service {
namespace {
struct Column {
  std::string_view chinese;
  std::string_view english;
  std::string ImportRow::*field;
};
const std::array<Column, 8> kColumns{{
    {"姓名", "name", &ImportRow::name},
    {"性别", "gender", &ImportRow::gender},
    {"工号", "employee_no", &ImportRow::employee_no},
    {"单位", "org", &ImportRow::org},
    {"工种", "work_types", &ImportRow::work_types},
    {"技能等级", "skill_level", &ImportRow::skill_level},
    {"手机号", "phone", &ImportRow::phone},
    {"身份证号", "id_number", &ImportRow::id_number},
}};
}  // namespace

Sheet workers_sheet(const std::vector<WorkerView>& workers) {
  Sheet sheet{"职工", {}, {}};
  for (const auto& c : kColumns) sheet.header.emplace_back(c.chinese);
  sheet.header.emplace_back("出生年份");
  sheet.header.emplace_back("出生日期");
  for (const auto& w : workers) {
    std::string types;
    for (const auto& t : w.work_types) types += (types.empty() ? "" : "、") + t.name;
    sheet.rows.push_back({w.name, w.gender == core::Gender::male ? "男" : "女", w.employee_no, w.org_name, types,
                          std::string(core::to_chinese(w.skill_level)), w.phone_masked, w.id_number_masked,
                          w.birth_year ? std::to_string(w.birth_year) : std::string(), w.birth_date});
  }
  return sheet;
}

std::vector<ImportRow> import_rows_from_csv(std::string_view csv_text) {
  auto table = core::parse_csv(csv_text);
  if (table.empty()) throw core::invalid("file", "文件为空 (the file is empty)");
  std::map<size_t, std::string ImportRow::*> positions;
  for (size_t i = 0; i < table[0].size(); ++i) {
    const auto head = core::trim(table[0][i]);
    for (const auto& c : kColumns)
      if (head == c.chinese || head == c.english) positions[i] = c.field;
  }
  for (const auto& c : kColumns) {
    const bool present = std::any_of(positions.begin(), positions.end(), [&](const auto& p) { return p.second == c.field; });
    if (!present && c.field != &ImportRow::gender)
      throw core::invalid("file", "缺少列“" + std::string(c.chinese) + "” (missing column " + std::string(c.english) + ")");
  }
  std::vector<ImportRow> rows;
  for (size_t r = 1; r < table.size(); ++r) {
    ImportRow row;
    for (const auto& [i, field] : positions)
      if (i < table[r].size()) row.*field = table[r][i];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace skb::service
