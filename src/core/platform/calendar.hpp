#pragma once
// Calendar dates as forms, spreadsheets and ID numbers carry them: "YYYY-MM-DD" in the Gregorian calendar.
#include <cstdint>
#include <optional>
#include <string_view>

namespace skb::core {

int days_in_month(int year, int month);
// True for a real date ("2024-02-29" yes, "2025-02-31" no), written exactly as YYYY-MM-DD, years 1900–2999.
bool is_calendar_date(std::string_view text);

// Seconds since 1970 for an RFC 3339 time as the API takes it: "2026-11-25T08:00:00Z", with optional
// fractional seconds (ignored) and "Z" or an offset ("+08:00"). None for anything else.
std::optional<std::int64_t> parse_rfc3339_seconds(std::string_view text);

}  // namespace skb::core
