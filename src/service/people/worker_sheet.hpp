#pragma once
// The worker table as people exchange it: Chinese column headers (English accepted on import).
#include <string_view>
#include <vector>

#include "service/people/workers.hpp"
#include "service/platform/spreadsheet.hpp"

namespace skb::service {

// Masked export of workers, in the same columns the import reads.
Sheet workers_sheet(const std::vector<WorkerView>& workers);
// Rows of a CSV file whose first line is the header; throws invalid when a required column is missing.
std::vector<ImportRow> import_rows_from_csv(std::string_view csv_text);

}  // namespace skb::service
