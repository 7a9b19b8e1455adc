#pragma once
// 职工: a worker's identity as typed in a form or a spreadsheet row, and the checks every input path
// (form, API, import) shares. Organisation and work types are resolved by the service, not here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/people/skill_level.hpp"
#include "core/platform/error.hpp"

namespace skb::core {

enum class Gender { male, female };
std::string_view to_code(Gender g);
// "male" / "female" / "男" / "女" / "M" / "F"
std::optional<Gender> parse_gender(std::string_view text);

// Raw text fields, as received.
struct WorkerFields {
  std::string name;
  std::string gender;       // may be empty: then taken from the ID number
  std::string employee_no;
  std::string skill_level;
  std::string phone;
  std::string id_number;
};

struct ValidWorker {
  std::string name;
  Gender gender = Gender::male;
  std::string employee_no;
  SkillLevel skill_level = SkillLevel::junior;
  std::string phone;
  std::string id_number;   // normalised (upper-case X)
  std::string birth_date;  // from the ID number
};

// Returns every problem found (row left 0; the caller numbers rows). `out` is filled when none.
std::vector<FieldProblem> validate_worker(const WorkerFields& in, std::string_view today, ValidWorker& out);

}  // namespace skb::core
