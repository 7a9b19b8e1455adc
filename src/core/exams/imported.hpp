#pragma once
// 题库导入: what every import format (the spreadsheet template, GIFT, Moodle XML) reads into, and what
// the exporters write from. Values only; the service resolves names to ids and stores files.
#include <string>
#include <vector>

#include "core/exams/question.hpp"
#include "core/platform/error.hpp"

namespace skb::core::exam {

// A picture carried inside the imported file (Moodle XML <file>). The question refers to it by `name` in
// Question::images or Option::image until the service stores it and replaces the name with its key.
struct EmbeddedFile {
  std::string name;
  std::string mime;
  std::string bytes;
};

struct ImportedQuestion {
  int row = 0;  // spreadsheet row (1-based) or question number in the file (1-based)
  Question question;
  std::string category;        // 分类, a path such as "电工/安全用电"
  std::string dimension_name;  // 能力维度 by name; the service looks up its id in the work type
  std::string explanation;     // 解析, shown after practice
  std::vector<EmbeddedFile> files;
};

// Every question that could be read, and every problem found (each with its row). The caller saves
// nothing unless `problems` is empty: a row is never dropped silently.
struct ImportParse {
  std::vector<ImportedQuestion> questions;
  std::vector<FieldProblem> problems;
};

// Runs validate_question on a parsed question, files its problems under the question's row, and keeps it.
inline void add_checked(ImportParse& out, ImportedQuestion q) {
  for (FieldProblem p : validate_question(q.question)) {
    p.row = q.row;
    out.problems.push_back(std::move(p));
  }
  out.questions.push_back(std::move(q));
}

}  // namespace skb::core::exam
