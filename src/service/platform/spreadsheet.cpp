#include "service/platform/spreadsheet.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {

std::string write_xlsx(const std::vector<Sheet>& sheets) {
  // libxlsxwriter writes to a file; use a private temporary one and read it back.
  const auto path = std::filesystem::temp_directory_path() / ("skb-export-" + random_hex(8) + ".xlsx");
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) throw core::Error(core::ErrorKind::internal, "export_failed", "cannot create the workbook");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xE8F0FE);
  for (const auto& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
    std::vector<size_t> widths(sheet.header.size(), 8);
    auto width_of = [](const std::string& s) { return core::utf8_length(s) + (s.size() - core::utf8_length(s)) / 2; };
    for (size_t c = 0; c < sheet.header.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
      widths[c] = std::max(widths[c], width_of(sheet.header[c]));
    }
    for (size_t r = 0; r < sheet.rows.size(); ++r)
      for (size_t c = 0; c < sheet.rows[r].size() && c < widths.size(); ++c) {
        // Strings stay strings: ID-like numbers must not become floating point in Excel.
        worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), sheet.rows[r][c].c_str(), nullptr);
        widths[c] = std::max(widths[c], std::min<size_t>(width_of(sheet.rows[r][c]), 60));
      }
    for (size_t c = 0; c < widths.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(widths[c] + 2), nullptr);
    worksheet_freeze_panes(ws, 1, 0);
  }
  const lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    throw core::Error(core::ErrorKind::internal, "export_failed", lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

}  // namespace skb::service
