#pragma once
// 查重: the same question entered twice (by two authors, or by a second import of a spreadsheet)
// would be drawn twice as often and could appear twice on one paper's sibling rows.
#include <cstdint>
#include <string>
#include <vector>

#include "core/exams/question.hpp"

namespace skb::core::exam {

// Equal keys ⇔ duplicates: the normalised stem, the stem's image keys, and the normalised option texts
// (each with its image key) sorted, so reordered options still match. Type, tags, marks and answers
// are left out: the same wording with another answer key is a conflict for a person to settle, not a
// second question. Images are compared by stored key, so "如图所示…" questions with different pictures
// are not duplicates (the same picture uploaded twice is not detected). Parts are length-prefixed, so
// no text can forge a boundary.
std::string duplicate_key(const Question& q);

// Groups of ids (≥ 2 each) whose keys are equal; ids ascending in a group, groups by their first id.
std::vector<std::vector<std::int64_t>> find_duplicates(const std::vector<Question>& bank);

}  // namespace skb::core::exam
