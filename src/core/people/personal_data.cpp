#include "core/people/personal_data.hpp"

#include <array>
#include <cctype>

#include "core/platform/calendar.hpp"
#include "core/platform/text.hpp"

namespace skb::core {
namespace {
bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}
int digits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
bool fail(std::string* why, std::string* code, const char* code_text, const char* message) {
  if (why) *why = message;
  if (code) *code = code_text;
  return false;
}
}  // namespace

char national_id_check_char(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[static_cast<size_t>(sum % 11)];
}

std::string normalize_national_id(std::string_view id) {
  std::string s(trim(id));
  if (!s.empty() && s.back() == 'x') s.back() = 'X';
  return s;
}

std::optional<NationalIdInfo> check_national_id(std::string_view raw, std::string_view today, std::string* why,
                                                std::string* code) {
  const std::string id = normalize_national_id(raw);
  if (id.size() != 18) return fail(why, code, "id_length", "身份证号应为18位"), std::nullopt;
  const std::string_view body(id.data(), 17);
  if (!all_digits(body)) return fail(why, code, "id_format", "身份证号前17位应为数字"), std::nullopt;
  const char last = id[17];
  if (!(std::isdigit(static_cast<unsigned char>(last)) || last == 'X'))
    return fail(why, code, "id_format", "身份证号末位应为数字或X"), std::nullopt;
  if (body[0] == '0' || body.substr(0, 2) < "11" || body.substr(0, 2) > "91")
    return fail(why, code, "id_region", "身份证号地区码无效"), std::nullopt;

  const int y = digits(body.substr(6, 4)), m = digits(body.substr(10, 2)), d = digits(body.substr(12, 2));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
    return fail(why, code, "id_birth_date", "身份证号出生日期无效"), std::nullopt;
  std::string birth = std::string(body.substr(6, 4)) + "-" + std::string(body.substr(10, 2)) + "-" +
                      std::string(body.substr(12, 2));
  if (!today.empty() && birth > today) return fail(why, code, "id_future_birth", "身份证号出生日期晚于今天"), std::nullopt;

  if (national_id_check_char(body) != last) return fail(why, code, "id_check_digit", "身份证号校验位错误"), std::nullopt;

  return NationalIdInfo{std::move(birth), (body[16] - '0') % 2 == 1};
}

bool is_valid_mobile(std::string_view phone) {
  return phone.size() == 11 && all_digits(phone) && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9';
}

std::string mask_national_id(std::string_view id) {
  if (id.size() < 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 3)) + std::string(id.size() - 5, '*') + std::string(id.substr(id.size() - 2));
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') + std::string(phone.substr(phone.size() - 4));
}

std::string mask_name(std::string_view name) {
  if (name.empty()) return {};
  size_t first = 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
  std::string out(name.substr(0, first));
  for (size_t i = first; i < name.size(); ++i)
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) out += '*';
  return out;
}

}  // namespace skb::core
