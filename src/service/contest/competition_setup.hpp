#pragma once
// What the competition set-up files share (competitions.cpp, scheme.cpp, judge_panels.cpp): bounded
// text fields and the competition row that scope and status checks read.
#include <cstdint>
#include <string>

#include "core/contest/competition.hpp"
#include "store/database.hpp"

namespace skb::service {

// Trimmed, valid UTF-8, at most `max_chars` characters; required unless said otherwise.
std::string text_field(const std::string& raw, const char* field, size_t max_chars, bool required = true);

struct CompetitionRow {
  std::int64_t id;
  std::string org_path;
  core::CompetitionStatus status;
};
CompetitionRow competition_row(store::Connection& c, std::int64_t id);

}  // namespace skb::service
