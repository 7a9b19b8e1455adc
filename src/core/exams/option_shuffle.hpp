#pragma once
// 选项乱序: each candidate sees a question's options in their own order under their own opaque ids,
// so neither a neighbour's screen nor the page itself (ids, order, attributes) tells which is correct.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exams/keyed_hash.hpp"

namespace skb::core::exam {

struct ShuffledOptions {
  std::vector<int> order;        // order[k] = the author's index of the option shown at position k
  std::vector<std::string> ids;  // ids[k] = the opaque id of the option shown at position k
};

// Order: a Fisher–Yates permutation driven by the keyed hash of (candidate, question), uniform and
// independent of which option is correct; `fixed_order` keeps the author's order (ids stay opaque).
// Ids: 12 characters of base32 (0-9, a-z without i l o u) from the keyed hash of (candidate, question,
// author's index), 60 bits, so they follow no sequence and differ per candidate. Unique within the
// question (a collision, odds 2^-60, is re-hashed). Same key, candidate and question → same result.
ShuffledOptions shuffle_options(const ExamKey& key, std::string_view candidate, std::int64_t question_id,
                                int option_count, bool fixed_order);

// The author's indices of the options a candidate picked, from the ids their page sent; nothing when an
// id is not one of this question's (a stale or forged page). Repeated ids are kept as sent.
std::optional<std::vector<int>> author_indices(const ShuffledOptions& shuffled,
                                               const std::vector<std::string>& shown_ids);

}  // namespace skb::core::exam
