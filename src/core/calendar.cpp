#include "core/calendar.hpp"

#include <array>

namespace skb::core {

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<size_t>(month - 1)];
}

bool is_calendar_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  for (size_t i = 0, p = 0; i < d.size(); ++i) {
    if (i == 4 || i == 7) { ++p; continue; }
    if (d[i] < '0' || d[i] > '9') return false;
    parts[p] = parts[p] * 10 + (d[i] - '0');
  }
  const auto [y, m, day] = parts;
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && day >= 1 && day <= days_in_month(y, m);
}

}  // namespace skb::core
