#pragma once
// RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends, a UTF-8 BOM is skipped.
#include <string>
#include <string_view>
#include <vector>

namespace skb::core {

using CsvRow = std::vector<std::string>;
std::vector<CsvRow> parse_csv(std::string_view text);
std::string csv_escape(std::string_view field);
// A cell of a CSV that people open in Excel or WPS: a text starting with = + - @ (or a tab or carriage
// return) would run as a formula there, so it gets a leading apostrophe, as OWASP advises; then quoted.
std::string csv_export_cell(std::string_view field);

}  // namespace skb::core
