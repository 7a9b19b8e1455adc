#include "core/exams/option_shuffle.hpp"

#include <algorithm>
#include <numeric>

#include "core/platform/random.hpp"

namespace skb::core::exam {

ShuffledOptions shuffle_options(const ExamKey& key, std::string_view candidate, std::int64_t question_id,
                                int option_count, bool fixed_order) {
  ShuffledOptions s;
  const auto n = static_cast<size_t>(std::max(option_count, 0));
  s.order.resize(n);
  std::iota(s.order.begin(), s.order.end(), 0);
  if (!fixed_order) {
    SplitMix64 random(key.hash("options", candidate, question_id, 0));
    for (size_t i = n; i > 1; --i) std::swap(s.order[i - 1], s.order[random.next() % i]);
  }
  std::vector<std::string> by_author(n);
  for (size_t i = 0; i < n; ++i) {
    // Salting the index with the attempt number only matters after a 60-bit collision.
    for (std::int64_t attempt = 0;; ++attempt) {
      std::string id = key.opaque_id("option", candidate, question_id, static_cast<std::int64_t>(i) + (attempt << 32));
      if (std::find(by_author.begin(), by_author.end(), id) == by_author.end()) {
        by_author[i] = std::move(id);
        break;
      }
    }
  }
  s.ids.reserve(n);
  for (int author : s.order) s.ids.push_back(by_author[static_cast<size_t>(author)]);
  return s;
}

std::optional<std::vector<int>> author_indices(const ShuffledOptions& shuffled,
                                               const std::vector<std::string>& shown_ids) {
  std::vector<int> picked;
  picked.reserve(shown_ids.size());
  for (const std::string& id : shown_ids) {
    const auto it = std::find(shuffled.ids.begin(), shuffled.ids.end(), id);
    if (it == shuffled.ids.end()) return std::nullopt;
    picked.push_back(shuffled.order[static_cast<size_t>(it - shuffled.ids.begin())]);
  }
  return picked;
}

}  // namespace skb::core::exam
