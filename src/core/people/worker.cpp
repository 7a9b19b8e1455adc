#include "core/people/worker.hpp"

#include "core/people/personal_data.hpp"
#include "core/platform/text.hpp"

namespace skb::core {

std::string_view to_code(Gender g) { return g == Gender::male ? "male" : "female"; }

std::optional<Gender> parse_gender(std::string_view text) {
  text = trim(text);
  if (text == "male" || text == "男" || text == "M" || text == "m") return Gender::male;
  if (text == "female" || text == "女" || text == "F" || text == "f") return Gender::female;
  return std::nullopt;
}

std::vector<FieldProblem> validate_worker(const WorkerFields& in, std::string_view today, ValidWorker& out) {
  std::vector<FieldProblem> problems;
  auto problem = [&](std::string field, std::string code, std::string message) {
    problems.push_back({0, std::move(field), std::move(code), std::move(message)});
  };

  out.name = std::string(trim(in.name));
  if (out.name.empty()) problem("name", "required", "姓名不能为空");
  else if (!is_valid_utf8(out.name) || utf8_length(out.name) > 50) problem("name", "too_long", "姓名过长或含无效字符");

  out.employee_no = std::string(trim(in.employee_no));
  if (out.employee_no.empty()) problem("employee_no", "required", "工号不能为空");
  else if (out.employee_no.size() > 32) problem("employee_no", "too_long", "工号不能超过32个字符");

  if (auto level = parse_skill_level(trim(in.skill_level))) out.skill_level = *level;
  else problem("skill_level", "invalid_skill_level", "技能等级应为 学徒工/初级工/中级工/高级工/技师/高级技师/特级技师/首席技师");

  out.phone = std::string(trim(in.phone));
  if (out.phone.empty()) problem("phone", "required", "手机号不能为空");
  else if (!is_valid_mobile(out.phone)) problem("phone", "invalid_phone", "手机号应为11位大陆手机号");

  std::string why, code;
  std::optional<Gender> declared;
  if (!trim(in.gender).empty()) {
    declared = parse_gender(in.gender);
    if (!declared) problem("gender", "invalid_gender", "性别应为 男 或 女");
  }
  out.id_number = normalize_national_id(in.id_number);
  if (out.id_number.empty()) {
    problem("id_number", "required", "身份证号不能为空");
  } else if (auto info = check_national_id(out.id_number, today, &why, &code)) {
    out.birth_date = info->birth_date;
    const Gender from_id = info->male ? Gender::male : Gender::female;
    if (declared && *declared != from_id) problem("gender", "gender_mismatch", "性别与身份证号不符");
    out.gender = from_id;
  } else {
    problem("id_number", code, why);
  }
  return problems;
}

}  // namespace skb::core
