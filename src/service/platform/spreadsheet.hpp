#pragma once
// Writes tables to .xlsx (libxlsxwriter): a header row in bold, frozen, with sensible column widths.
#include <string>
#include <vector>

namespace skb::service {

struct Sheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Returns the bytes of an .xlsx workbook with one worksheet per sheet.
std::string write_xlsx(const std::vector<Sheet>& sheets);

}  // namespace skb::service
