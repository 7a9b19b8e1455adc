#pragma once
// RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends, a UTF-8 BOM is skipped.
#include <string>
#include <string_view>
#include <vector>

namespace skb::core {

using CsvRow = std::vector<std::string>;
std::vector<CsvRow> parse_csv(std::string_view text);
std::string csv_escape(std::string_view field);

}  // namespace skb::core
