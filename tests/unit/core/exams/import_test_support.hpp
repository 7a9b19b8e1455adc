#pragma once
// What the import-format tests (template rows, GIFT, Moodle XML) compare and look for: one copy, so a
// round trip means the same thing for every format.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/exams/imported.hpp"

namespace skb::core::exam::testing {

inline std::vector<bool> correct_flags(const Question& q) {
  std::vector<bool> flags;
  for (const Option& o : q.options) flags.push_back(o.correct);
  return flags;
}

inline std::vector<std::string> option_texts(const Question& q) {
  std::vector<std::string> texts;
  for (const Option& o : q.options) texts.push_back(o.text);
  return texts;
}

inline std::vector<std::vector<std::string>> accepted(const Question& q) {
  std::vector<std::vector<std::string>> out;
  for (const Blank& b : q.blanks) out.push_back(b.accepted);
  return out;
}

// A problem with this row and code (and field, when given).
inline bool has(const std::vector<FieldProblem>& problems, int row, const std::string& code, const std::string& field = "") {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const FieldProblem& p) { return p.row == row && p.code == code && (field.empty() || p.field == field); });
}

inline std::string describe(const std::vector<FieldProblem>& problems) {
  std::string s;
  for (const auto& p : problems) s += std::to_string(p.row) + " " + p.field + " " + p.code + ": " + p.message + "\n";
  return s;
}

// Everything an export must carry back on import (pictures aside).
inline void expect_same(const ImportedQuestion& got, const ImportedQuestion& want) {
  const Question& a = got.question;
  const Question& b = want.question;
  EXPECT_EQ(a.type, b.type) << b.stem;
  EXPECT_EQ(a.stem, b.stem);
  EXPECT_EQ(option_texts(a), option_texts(b)) << b.stem;
  EXPECT_EQ(correct_flags(a), correct_flags(b)) << b.stem;
  EXPECT_EQ(a.fixed_option_order, b.fixed_option_order) << b.stem;
  EXPECT_EQ(accepted(a), accepted(b)) << b.stem;
  EXPECT_EQ(a.rubric, b.rubric);
  EXPECT_EQ(a.marks, b.marks) << b.stem;
  EXPECT_EQ(a.partial_credit, b.partial_credit) << b.stem;
  EXPECT_EQ(a.tags.difficulty, b.tags.difficulty) << b.stem;
  EXPECT_EQ(a.tags.skill_level, b.tags.skill_level) << b.stem;
  EXPECT_EQ(got.category, want.category) << b.stem;
  EXPECT_EQ(got.dimension_name, want.dimension_name) << b.stem;
  EXPECT_EQ(got.explanation, want.explanation) << b.stem;
}

}  // namespace skb::core::exam::testing
