#include "core/exams/paper.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/platform/random.hpp"

namespace skb::core::exam {
namespace {

bool has_options(QuestionType t) { return t != QuestionType::fill_blank && t != QuestionType::short_answer; }

std::string_view chinese_name(QuestionType t) {
  switch (t) {
    case QuestionType::single_choice: return "单选题";
    case QuestionType::multiple_choice: return "多选题";
    case QuestionType::true_false: return "判断题";
    case QuestionType::fill_blank: return "填空题";
    case QuestionType::short_answer: return "简答题";
  }
  return "";
}

// Questions grouped by the set of rows they match ("classes"): within a class every question is
// interchangeable for the matching, so the flow network is rows × classes, small whatever the bank.
struct Classes {
  std::vector<std::vector<const Question*>> members;  // by id
  std::vector<std::vector<int>> row_classes;
  std::vector<std::vector<int>> class_rows;
};

Classes group(const std::vector<Question>& bank, const std::vector<BlueprintRow>& rows) {
  std::vector<const Question*> sorted;
  sorted.reserve(bank.size());
  for (const Question& q : bank) sorted.push_back(&q);
  std::sort(sorted.begin(), sorted.end(), [](const Question* a, const Question* b) { return a->id < b->id; });
  std::map<std::uint64_t, int> by_mask;
  Classes c;
  c.row_classes.resize(rows.size());
  for (const Question* q : sorted) {
    std::uint64_t mask = 0;
    for (size_t r = 0; r < rows.size(); ++r)
      if (matches(rows[r], *q)) mask |= std::uint64_t{1} << r;
    if (mask == 0) continue;
    auto [it, added] = by_mask.emplace(mask, static_cast<int>(c.members.size()));
    if (added) {
      c.members.emplace_back();
      c.class_rows.emplace_back();
      for (size_t r = 0; r < rows.size(); ++r)
        if (mask & (std::uint64_t{1} << r)) {
          c.class_rows.back().push_back(static_cast<int>(r));
          c.row_classes[r].push_back(it->second);
        }
    }
    c.members[static_cast<size_t>(it->second)].push_back(q);
  }
  return c;
}

// How many questions of each class each row takes: a b-matching kept maximum by augmenting paths.
struct Assignment {
  const std::vector<std::vector<int>>& row_classes;
  const std::vector<std::vector<int>>& class_rows;
  std::vector<std::vector<int>> flow;  // [row][class]
  std::vector<int> used;               // per class: Σ over rows of flow
  std::vector<int> avail;              // per class: questions left

  // One more question for `row`, moving other rows between classes if need be; false (nothing changed)
  // when no augmenting path exists. Breadth-first: row → class it matches → (class full) a row holding
  // a unit there, which moves on to another class … until a class with room.
  bool augment(int row) {
    const size_t n_rows = row_classes.size(), n_classes = avail.size();
    std::vector<int> class_from(n_classes, -1), row_from(n_rows, -1);
    std::vector<char> row_seen(n_rows, 0), class_seen(n_classes, 0);
    std::vector<int> queue{row};
    row_seen[static_cast<size_t>(row)] = 1;
    int end = -1;
    for (size_t head = 0; head < queue.size() && end < 0; ++head) {
      const int u = queue[head];
      for (int x : row_classes[static_cast<size_t>(u)]) {
        const auto xs = static_cast<size_t>(x);
        if (class_seen[xs]) continue;
        class_seen[xs] = 1;
        class_from[xs] = u;
        if (used[xs] < avail[xs]) {
          end = x;
          break;
        }
        for (int t : class_rows[xs]) {
          const auto ts = static_cast<size_t>(t);
          if (!row_seen[ts] && flow[ts][xs] > 0) {
            row_seen[ts] = 1;
            row_from[ts] = x;
            queue.push_back(t);
          }
        }
      }
    }
    if (end < 0) return false;
    ++used[static_cast<size_t>(end)];
    for (int x = end;;) {
      const int u = class_from[static_cast<size_t>(x)];
      ++flow[static_cast<size_t>(u)][static_cast<size_t>(x)];
      if (u == row) break;
      x = row_from[static_cast<size_t>(u)];
      --flow[static_cast<size_t>(u)][static_cast<size_t>(x)];
    }
    return true;
  }

  // Commits `row` to one question of class `c` if the rest of the assignment can still be met.
  bool take(int row, int c) {
    const auto r = static_cast<size_t>(row), cs = static_cast<size_t>(c);
    if (flow[r][cs] > 0) {  // the assignment already had this row in this class
      --flow[r][cs], --used[cs], --avail[cs];
      return true;
    }
    // Release one of the row's units elsewhere, then make room in c by moving another row out of it.
    size_t other = 0;
    while (flow[r][other] == 0) ++other;  // exists: the row still needs this slot
    --flow[r][other], --used[other], --avail[cs];
    if (used[cs] <= avail[cs]) return true;
    for (int t : class_rows[cs]) {
      const auto ts = static_cast<size_t>(t);
      if (flow[ts][cs] == 0) continue;
      --flow[ts][cs], --used[cs];
      if (augment(t)) return true;
      ++flow[ts][cs], ++used[cs];
    }
    ++flow[r][other], ++used[other], ++avail[cs];
    return false;
  }
};

struct Matching {
  std::vector<std::vector<int>> flow;
  std::vector<RowShortfall> shortfalls;
};

Matching match(const Classes& c, const std::vector<BlueprintRow>& rows) {
  Assignment a{c.row_classes, c.class_rows, std::vector<std::vector<int>>(rows.size(), std::vector<int>(c.members.size(), 0)),
               std::vector<int>(c.members.size(), 0), {}};
  for (const auto& m : c.members) a.avail.push_back(static_cast<int>(m.size()));
  Matching result;
  for (size_t r = 0; r < rows.size(); ++r) {
    int placed = 0;
    while (placed < rows[r].count && a.augment(static_cast<int>(r))) ++placed;
    if (placed < rows[r].count) {
      int eligible = 0;
      for (int x : c.row_classes[r]) eligible += a.avail[static_cast<size_t>(x)];
      result.shortfalls.push_back({static_cast<int>(r) + 1, rows[r].count, eligible, rows[r].count - placed});
    }
  }
  result.flow = std::move(a.flow);
  return result;
}

std::string describe(const BlueprintRow& row) {
  std::string s(chinese_name(row.type));
  if (row.dimension_id) s += "，维度" + std::to_string(*row.dimension_id);
  if (row.min_difficulty > 1 || row.max_difficulty < 5)
    s += "，难度" + std::to_string(row.min_difficulty) + "–" + std::to_string(row.max_difficulty);
  return s;
}

PaperItem make_item(const ExamKey& key, std::string_view candidate, std::int64_t id, int option_count, bool fixed,
                    QuestionType type, int row, double marks) {
  PaperItem item;
  item.question_id = id;
  item.shown_id = key.opaque_id("item", candidate, id, 0);
  item.row = row;
  item.marks = marks;
  if (has_options(type)) item.options = shuffle_options(key, candidate, id, option_count, fixed);
  return item;
}

void reject_repeated_ids(const std::vector<Question>& questions) {
  std::set<std::int64_t> ids;
  for (const Question& q : questions)
    if (!ids.insert(q.id).second)
      throw invalid("questions", "试题重复: " + std::to_string(q.id) + " (question listed twice)", "duplicate_question_id");
}

}  // namespace

bool matches(const BlueprintRow& row, const Question& q) {
  return q.type == row.type && (!row.dimension_id || *row.dimension_id == q.tags.dimension_id) &&
         q.tags.difficulty >= row.min_difficulty && q.tags.difficulty <= row.max_difficulty;
}

std::vector<FieldProblem> validate_blueprint(const std::vector<BlueprintRow>& rows) {
  std::vector<FieldProblem> problems;
  if (rows.empty()) problems.push_back({0, "rows", "blueprint_empty", "组卷规则至少需要一行 (a blueprint needs a row)"});
  if (rows.size() > 64) problems.push_back({0, "rows", "too_many_rows", "组卷规则最多64行 (at most 64 rows)"});
  for (size_t i = 0; i < rows.size(); ++i) {
    const BlueprintRow& r = rows[i];
    const int row = static_cast<int>(i) + 1;
    if (r.count < 1) problems.push_back({row, "count", "count_not_positive", "题数应大于0 (count must be positive)"});
    if (r.count > kMaxPaperQuestions) problems.push_back({row, "count", "count_too_large", "每行题数不能超过500 (at most 500 questions a row)"});
    if (!(r.marks_each > 0)) problems.push_back({row, "marks_each", "marks_not_positive", "每题分值应大于0 (marks must be positive)"});
    if (r.marks_each > kMaxQuestionMarks)
      problems.push_back({row, "marks_each", "marks_too_large", "每题分值不能超过100 (a question is worth at most 100 marks)"});
    if (r.min_difficulty < 1 || r.max_difficulty > 5 || r.min_difficulty > r.max_difficulty)
      problems.push_back({row, "difficulty", "difficulty_out_of_range", "难度范围应在1到5之间 (difficulty range within 1–5)"});
  }
  return problems;
}

std::vector<RowShortfall> check_bank(const std::vector<Question>& bank, const std::vector<BlueprintRow>& rows) {
  return match(group(bank, rows), rows).shortfalls;
}

PaperDrawer::PaperDrawer(const std::vector<Question>& bank, std::vector<BlueprintRow> rows) : rows_(std::move(rows)) {
  if (auto problems = validate_blueprint(rows_); !problems.empty()) {
    Error e = invalid("blueprint", "组卷规则无效 (invalid blueprint)", "invalid_blueprint");
    e.problems = std::move(problems);
    throw e;
  }
  reject_repeated_ids(bank);
  const Classes c = group(bank, rows_);
  Matching m = match(c, rows_);
  if (!m.shortfalls.empty()) {
    Error e(ErrorKind::unprocessable, "bank_too_small", "题库试题不足以组卷 (the bank cannot fill the blueprint)", "blueprint");
    for (const RowShortfall& s : m.shortfalls) {
      const std::string message = "第" + std::to_string(s.row) + "行（" + describe(rows_[static_cast<size_t>(s.row - 1)]) +
                                  "）需要" + std::to_string(s.needed) + "题，符合条件" + std::to_string(s.eligible) +
                                  "题，缺" + std::to_string(s.short_by) + "题 (row " + std::to_string(s.row) + " needs " +
                                  std::to_string(s.needed) + ", " + std::to_string(s.eligible) + " match, short by " +
                                  std::to_string(s.short_by) + ")";
      e.problems.push_back({s.row, "count", "bank_too_small", message});
    }
    throw e;
  }
  for (const auto& members : c.members) {
    std::vector<Entry> entries;
    entries.reserve(members.size());
    for (const Question* q : members)
      entries.push_back({q->id, static_cast<int>(q->options.size()), q->fixed_option_order});
    classes_.push_back(std::move(entries));
  }
  row_classes_ = c.row_classes;
  class_rows_ = c.class_rows;
  flow_ = std::move(m.flow);
}

Paper PaperDrawer::draw(std::string_view seed, std::string_view candidate) const {
  const ExamKey key(seed);
  SplitMix64 random(key.hash("draw", candidate, 0, 0));
  std::vector<std::vector<Entry>> left = classes_;
  Assignment a{row_classes_, class_rows_, flow_, std::vector<int>(classes_.size(), 0), {}};
  for (size_t x = 0; x < classes_.size(); ++x) {
    a.avail.push_back(static_cast<int>(classes_[x].size()));
    for (const auto& row_flow : flow_) a.used[x] += row_flow[x];
  }
  Paper paper;
  std::vector<char> rejected(classes_.size());
  for (size_t r = 0; r < rows_.size(); ++r) {
    for (int slot = 0; slot < rows_[r].count; ++slot) {
      std::fill(rejected.begin(), rejected.end(), 0);
      for (;;) {
        // Uniform over the remaining questions of the row's classes not found to block a later slot.
        // Never empty: a class the assignment gives this row is always takeable.
        std::uint64_t total = 0;
        for (int x : row_classes_[r])
          if (!rejected[static_cast<size_t>(x)]) total += left[static_cast<size_t>(x)].size();
        if (total == 0)  // unreachable while the assignment is kept maximum; never divide by zero
          throw Error(ErrorKind::internal, "draw_failed", "抽题失败 (the draw found no question for a slot)");
        std::uint64_t pick = random.next() % total;
        int chosen = -1;
        for (int x : row_classes_[r]) {
          const auto xs = static_cast<size_t>(x);
          if (rejected[xs]) continue;
          if (pick < left[xs].size()) {
            chosen = x;
            break;
          }
          pick -= left[xs].size();
        }
        const auto cs = static_cast<size_t>(chosen);
        if (!a.take(static_cast<int>(r), chosen)) {
          rejected[cs] = 1;
          continue;
        }
        const Entry e = left[cs][pick];
        left[cs][pick] = left[cs].back();
        left[cs].pop_back();
        paper.items.push_back(make_item(key, candidate, e.id, e.option_count, e.fixed_order, rows_[r].type,
                                        static_cast<int>(r), rows_[r].marks_each));
        paper.total_marks += rows_[r].marks_each;
        break;
      }
    }
  }
  return paper;
}

Paper draw_paper(const std::vector<Question>& bank, const std::vector<BlueprintRow>& rows, std::string_view seed,
                 std::string_view candidate) {
  return PaperDrawer(bank, rows).draw(seed, candidate);
}

Paper fixed_paper(const std::vector<Question>& questions, std::string_view seed, std::string_view candidate) {
  reject_repeated_ids(questions);
  const ExamKey key(seed);
  Paper paper;
  for (const Question& q : questions) {
    paper.items.push_back(make_item(key, candidate, q.id, static_cast<int>(q.options.size()), q.fixed_option_order,
                                    q.type, -1, q.marks));
    paper.total_marks += q.marks;
  }
  return paper;
}

ShownQuestion shown_question(const Question& q, const PaperItem& item) {
  if (item.question_id != q.id || item.options.order.size() != (has_options(q.type) ? q.options.size() : 0))
    throw invalid("question", "试题与试卷不符 (question does not belong to this paper item)", "question_mismatch");
  ShownQuestion s;
  s.id = item.shown_id;
  s.type = q.type;
  s.stem = q.stem;
  s.images = q.images;
  for (size_t k = 0; k < item.options.order.size(); ++k) {
    const Option& o = q.options[static_cast<size_t>(item.options.order[k])];
    s.options.push_back({item.options.ids[k], o.text, o.image});
  }
  s.blanks = q.type == QuestionType::fill_blank ? static_cast<int>(q.blanks.size()) : 0;
  s.marks = item.marks;
  return s;
}

}  // namespace skb::core::exam
