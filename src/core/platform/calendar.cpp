#include "core/platform/calendar.hpp"

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

namespace {

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<int> two_digits(std::string_view s, size_t at) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return std::nullopt;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339_seconds(std::string_view t) {
  if (t.size() < 20 || !is_calendar_date(t.substr(0, 10)) || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t[13] != ':' ||
      t[16] != ':')
    return std::nullopt;
  const auto h = two_digits(t, 11), mi = two_digits(t, 14), se = two_digits(t, 17);
  if (!h || !mi || !se || *h > 23 || *mi > 59 || *se > 60) return std::nullopt;
  size_t at = 19;
  if (t[at] == '.') {
    ++at;
    const size_t digits = at;
    while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
    if (at == digits) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (at < t.size() && (t[at] == 'Z' || t[at] == 'z') && at + 1 == t.size()) {
    offset = 0;
  } else if (at + 6 == t.size() && (t[at] == '+' || t[at] == '-') && t[at + 3] == ':') {
    const auto oh = two_digits(t, at + 1), om = two_digits(t, at + 4);
    if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
    offset = (t[at] == '+' ? 1 : -1) * (*oh * 3600 + *om * 60);
  } else {
    return std::nullopt;
  }
  const int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const auto days = days_from_civil(y, static_cast<unsigned>(*two_digits(t, 5)), static_cast<unsigned>(*two_digits(t, 8)));
  return days * 86400 + *h * 3600 + *mi * 60 + *se - offset;
}

}  // namespace skb::core
