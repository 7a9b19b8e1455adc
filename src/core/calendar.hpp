#pragma once
// Calendar dates as forms, spreadsheets and ID numbers carry them: "YYYY-MM-DD" in the Gregorian calendar.
#include <string_view>

namespace skb::core {

int days_in_month(int year, int month);
// True for a real date ("2024-02-29" yes, "2025-02-31" no), written exactly as YYYY-MM-DD, years 1900–2999.
bool is_calendar_date(std::string_view text);

}  // namespace skb::core
