#include "core/exams/paper.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/exams/keyed_hash.hpp"
#include "core/platform/random.hpp"

using namespace skb::core;
using namespace skb::core::exam;

namespace {

const std::string kSeed = "exam-42-7f3a9c1e5b2d4088";

Question make(std::int64_t id, QuestionType type, std::int64_t dimension, int difficulty, int options = 4) {
  Question q;
  q.id = id;
  q.type = type;
  q.stem = "题" + std::to_string(id);
  q.tags.dimension_id = dimension;
  q.tags.difficulty = difficulty;
  for (int i = 0; i < options; ++i) q.options.push_back({"选项" + std::to_string(i), "", i == 0});
  return q;
}

// 60 single choice over dimensions 1–3 and difficulties 1–5, 20 true/false, 10 fill-in.
std::vector<Question> bank() {
  std::vector<Question> b;
  for (int i = 0; i < 60; ++i) b.push_back(make(1000 + i, QuestionType::single_choice, 1 + i % 3, 1 + i % 5));
  for (int i = 0; i < 20; ++i) b.push_back(make(2000 + i, QuestionType::true_false, 1 + i % 2, 3, 2));
  for (int i = 0; i < 10; ++i) {
    Question q = make(3000 + i, QuestionType::fill_blank, 1, 2, 0);
    q.blanks = {{{"x"}}};
    b.push_back(q);
  }
  return b;
}

std::vector<BlueprintRow> blueprint() {
  return {{QuestionType::single_choice, 5, 2, 2, 4, 2.0},
          {QuestionType::single_choice, 10, std::nullopt, 1, 5, 1.0},
          {QuestionType::true_false, 6, std::nullopt, 1, 5, 0.5},
          {QuestionType::fill_blank, 3, std::nullopt, 1, 5, 3.0}};
}

std::vector<std::int64_t> ids_of(const Paper& p) {
  std::vector<std::int64_t> out;
  for (const auto& item : p.items) out.push_back(item.question_id);
  return out;
}

std::string error_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return "none";
}

}  // namespace

TEST(ExamSipHash, MatchesTheReferenceVectors) {
  // From the SipHash paper (Aumasson & Bernstein 2012), key 00 01 … 0f.
  const std::uint64_t k0 = 0x0706050403020100ULL, k1 = 0x0F0E0D0C0B0A0908ULL;
  EXPECT_EQ(siphash24(k0, k1, ""), 0x726fdb47dd0e0e31ULL);
  std::string fifteen;
  for (char c = 0; c < 15; ++c) fifteen += c;
  EXPECT_EQ(siphash24(k0, k1, fifteen), 0xa129ca6149be45e5ULL);
  EXPECT_EQ(error_code([] { ExamKey key("short"); }), "seed_too_short");
}

TEST(PaperDraw, SameSeedAndCandidateGiveTheSamePaperWhateverTheBankOrder) {
  const auto b = bank();
  const PaperDrawer drawer(b, blueprint());
  const Paper a = drawer.draw(kSeed, "worker-17");
  auto reversed = b;
  std::reverse(reversed.begin(), reversed.end());
  const Paper again = draw_paper(reversed, blueprint(), kSeed, "worker-17");
  ASSERT_EQ(a.items.size(), again.items.size());
  for (size_t i = 0; i < a.items.size(); ++i) {
    EXPECT_EQ(a.items[i].question_id, again.items[i].question_id);
    EXPECT_EQ(a.items[i].shown_id, again.items[i].shown_id);
    EXPECT_EQ(a.items[i].options.order, again.items[i].options.order);
    EXPECT_EQ(a.items[i].options.ids, again.items[i].options.ids);
  }
  EXPECT_NE(ids_of(a), ids_of(drawer.draw(kSeed, "worker-18")));
  EXPECT_NE(ids_of(a), ids_of(drawer.draw("exam-43-7f3a9c1e5b2d4088", "worker-17")));
}

TEST(PaperDraw, HonoursEveryRowWithoutRepeats) {
  const auto b = bank();
  std::map<std::int64_t, const Question*> by_id;
  for (const auto& q : b) by_id[q.id] = &q;
  const auto rows = blueprint();
  const PaperDrawer drawer(b, rows);
  for (int c = 0; c < 50; ++c) {
    const Paper p = drawer.draw(kSeed, "worker-" + std::to_string(c));
    ASSERT_EQ(p.items.size(), 24u);
    EXPECT_DOUBLE_EQ(p.total_marks, 5 * 2.0 + 10 * 1.0 + 6 * 0.5 + 3 * 3.0);
    const auto ids = ids_of(p);
    EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), ids.size());
    std::vector<int> per_row(rows.size());
    int last_row = 0;
    std::set<std::string> shown;
    for (const PaperItem& item : p.items) {
      EXPECT_GE(item.row, last_row);  // grouped by row, rows in order
      last_row = item.row;
      ++per_row[static_cast<size_t>(item.row)];
      const auto& row = rows[static_cast<size_t>(item.row)];
      EXPECT_TRUE(matches(row, *by_id.at(item.question_id)));
      EXPECT_EQ(item.marks, row.marks_each);
      EXPECT_EQ(item.options.order.size(), by_id.at(item.question_id)->type == QuestionType::fill_blank ? 0u : by_id.at(item.question_id)->options.size());
      EXPECT_TRUE(shown.insert(item.shown_id).second);
    }
    EXPECT_EQ(per_row, (std::vector<int>{5, 10, 6, 3}));
  }
}

TEST(PaperDraw, EveryQuestionOfARowIsDrawnAboutEquallyOften) {
  // 20 fill-in questions, 5 per paper, 800 candidates: 200 draws each expected (sd ≈ 12).
  std::vector<Question> b;
  for (int i = 0; i < 20; ++i) {
    Question q = make(i + 1, QuestionType::fill_blank, 1, 3, 0);
    q.blanks = {{{"x"}}};
    b.push_back(q);
  }
  const PaperDrawer drawer(b, {{QuestionType::fill_blank, 5, std::nullopt, 1, 5, 1}});
  std::map<std::int64_t, int> times;
  for (int c = 0; c < 800; ++c)
    for (auto id : ids_of(drawer.draw(kSeed, std::to_string(c) + "-c"))) ++times[id];
  ASSERT_EQ(times.size(), 20u);
  for (const auto& [id, n] : times) {
    EXPECT_GT(n, 150) << id;
    EXPECT_LT(n, 250) << id;
  }
}

TEST(PaperDraw, OverlappingRowsNeverStrandALaterRow) {
  // Row 1 takes any 2 single choice, row 2 needs both dimension-3 questions. Drawing row 1 blindly
  // would take a dimension-3 question most of the time and leave row 2 short for that candidate.
  std::vector<Question> b{make(1, QuestionType::single_choice, 3, 3), make(2, QuestionType::single_choice, 3, 3),
                          make(3, QuestionType::single_choice, 1, 3), make(4, QuestionType::single_choice, 2, 3)};
  const std::vector<BlueprintRow> rows{{QuestionType::single_choice, 2, std::nullopt, 1, 5, 1},
                                       {QuestionType::single_choice, 2, 3, 1, 5, 1}};
  EXPECT_TRUE(check_bank(b, rows).empty());
  const PaperDrawer drawer(b, rows);
  std::set<std::vector<std::int64_t>> papers;
  for (int c = 0; c < 200; ++c) {
    const auto ids = ids_of(drawer.draw(kSeed, std::to_string(c)));
    EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.begin() + 2), (std::set<std::int64_t>{3, 4}));
    EXPECT_EQ(std::set<std::int64_t>(ids.begin() + 2, ids.end()), (std::set<std::int64_t>{1, 2}));
    papers.insert(ids);
  }
  EXPECT_EQ(papers.size(), 4u);  // both orders within each row occur

  // With a spare dimension-3 question, row 1 may take dimension-3 questions too.
  b.push_back(make(5, QuestionType::single_choice, 3, 3));
  const PaperDrawer roomier(b, rows);
  bool row1_took_dimension_3 = false;
  for (int c = 0; c < 100; ++c) {
    const auto ids = ids_of(roomier.draw(kSeed, std::to_string(c)));
    row1_took_dimension_3 = row1_took_dimension_3 || ids[0] == 1 || ids[0] == 2 || ids[0] == 5 || ids[1] == 1 ||
                            ids[1] == 2 || ids[1] == 5;
  }
  EXPECT_TRUE(row1_took_dimension_3);
}

TEST(PaperDraw, RandomOverlappingBlueprintsAgreeWithHallsCondition) {
  // A bank can fill rows with demands count_r iff every set S of rows has at least Σ_S count_r
  // questions matching some row of S (Hall), and the total shortfall is the largest deficit over S.
  // Random small banks and overlapping rows; every feasible one must draw valid papers for anyone.
  skb::core::SplitMix64 random(20260601);
  const QuestionType types[] = {QuestionType::single_choice, QuestionType::multiple_choice};
  int feasible_cases = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<Question> b;
    const int size = 6 + random.below(14);
    for (int i = 0; i < size; ++i)
      b.push_back(make(i + 1, types[random.below(2)], 1 + random.below(3), 1 + random.below(5)));
    std::vector<BlueprintRow> rows;
    const int n_rows = 1 + random.below(4);
    for (int r = 0; r < n_rows; ++r) {
      BlueprintRow row{types[random.below(2)], 1 + random.below(4), std::nullopt, 1, 5, 1};
      if (random.below(2)) row.dimension_id = 1 + random.below(3);
      if (random.below(2)) row.min_difficulty = 1 + random.below(3), row.max_difficulty = row.min_difficulty + random.below(3);
      rows.push_back(row);
    }
    int deficit = 0;
    for (int set = 1; set < (1 << n_rows); ++set) {
      int demand = 0, supply = 0;
      for (int r = 0; r < n_rows; ++r)
        if (set & (1 << r)) demand += rows[static_cast<size_t>(r)].count;
      for (const auto& q : b) {
        bool any = false;
        for (int r = 0; r < n_rows; ++r) any = any || ((set & (1 << r)) && matches(rows[static_cast<size_t>(r)], q));
        supply += any ? 1 : 0;
      }
      deficit = std::max(deficit, demand - supply);
    }
    int short_total = 0;
    for (const auto& s : check_bank(b, rows)) short_total += s.short_by;
    ASSERT_EQ(short_total, deficit) << "round " << round;
    if (deficit > 0) continue;
    ++feasible_cases;
    const PaperDrawer drawer(b, rows);
    for (int c = 0; c < 20; ++c) {
      const Paper p = drawer.draw(kSeed, std::to_string(c));
      std::vector<int> per_row(rows.size());
      std::set<std::int64_t> seen;
      for (const auto& item : p.items) {
        ++per_row[static_cast<size_t>(item.row)];
        EXPECT_TRUE(seen.insert(item.question_id).second);
        EXPECT_TRUE(matches(rows[static_cast<size_t>(item.row)], b[static_cast<size_t>(item.question_id - 1)]));
      }
      for (size_t r = 0; r < rows.size(); ++r) EXPECT_EQ(per_row[r], rows[r].count);
    }
  }
  EXPECT_GT(feasible_cases, 100);
}

TEST(PaperDraw, SaysWhichRowIsShortAndByHowMuch) {
  const auto b = bank();
  auto rows = blueprint();
  int eligible_row1 = 0;  // single choice, dimension 2, difficulty 2–4
  for (const auto& q : b) eligible_row1 += matches(rows[0], q) ? 1 : 0;
  rows[0].count = eligible_row1 + 2;
  rows.push_back({QuestionType::true_false, 20, std::nullopt, 1, 5, 1});  // 20 exist, but row 3 takes 6

  const auto shortfalls = check_bank(b, rows);
  ASSERT_EQ(shortfalls.size(), 2u);
  EXPECT_EQ(shortfalls[0].row, 1);
  EXPECT_EQ(shortfalls[0].needed, eligible_row1 + 2);
  EXPECT_EQ(shortfalls[0].eligible, eligible_row1);
  EXPECT_EQ(shortfalls[0].short_by, 2);
  EXPECT_EQ(shortfalls[1].row, 5);
  EXPECT_EQ(shortfalls[1].eligible, 20);
  EXPECT_EQ(shortfalls[1].short_by, 6);  // rows overlap: a question serves one row

  try {
    PaperDrawer drawer(b, rows);
    FAIL() << "expected bank_too_small";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unprocessable);
    EXPECT_EQ(e.code(), "bank_too_small");
    ASSERT_EQ(e.problems.size(), 2u);
    EXPECT_EQ(e.problems[0].row, 1);
    EXPECT_NE(e.problems[0].message.find("short by 2"), std::string::npos) << e.problems[0].message;
    EXPECT_NE(e.problems[0].message.find("维度2"), std::string::npos) << e.problems[0].message;
  }
}

TEST(PaperDraw, RejectsBadBlueprintsAndRepeatedQuestions) {
  EXPECT_EQ(validate_blueprint({}).at(0).code, "blueprint_empty");
  const auto problems = validate_blueprint({{QuestionType::single_choice, 0, std::nullopt, 4, 2, 0}});
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].code, "count_not_positive");
  EXPECT_EQ(problems[1].code, "marks_not_positive");
  EXPECT_EQ(problems[2].code, "difficulty_out_of_range");
  EXPECT_EQ(problems[2].row, 1);
  EXPECT_EQ(error_code([] { PaperDrawer d(bank(), {{QuestionType::single_choice, 0, std::nullopt, 1, 5, 1}}); }),
            "invalid_blueprint");
  auto b = bank();
  b.push_back(b.front());
  EXPECT_EQ(error_code([&] { PaperDrawer d(b, blueprint()); }), "duplicate_question_id");
  EXPECT_EQ(error_code([&] { fixed_paper({b.front(), b.front()}, kSeed, "w"); }), "duplicate_question_id");
}

TEST(PaperDraw, FixedPaperKeepsQuestionsOrderAndMarks) {
  auto b = bank();
  b[1].marks = 2.5;
  const Paper p = fixed_paper({b[2], b[1], b[60]}, kSeed, "worker-1");
  EXPECT_EQ(ids_of(p), (std::vector<std::int64_t>{1002, 1001, 2000}));
  EXPECT_EQ(p.items[1].marks, 2.5);
  EXPECT_EQ(p.items[0].row, -1);
  EXPECT_DOUBLE_EQ(p.total_marks, 4.5);
  EXPECT_EQ(fixed_paper({b[2]}, kSeed, "worker-2").items[0].question_id, 1002);
}

TEST(PaperDraw, KnownSeedGivesAKnownPaper) {
  // Pinned: a change to the hashing or the draw would silently change every recorded paper.
  const Paper p = draw_paper(bank(), {{QuestionType::single_choice, 3, 1, 1, 5, 1}}, kSeed, "worker-1");
  EXPECT_EQ(ids_of(p), (std::vector<std::int64_t>{1039, 1024, 1006}));
  EXPECT_EQ(p.items[0].shown_id, "2p7kkn9g1nkk");
  EXPECT_EQ(p.items[0].options.order, (std::vector<int>{3, 1, 2, 0}));
  EXPECT_EQ(p.items[0].options.ids[0], "6f55es19nbe9");
}

TEST(PaperOptions, CorrectOptionPositionAndIdRankAreUniformAcrossCandidates) {
  // The correct option is the author's first. Over 4000 candidates each shown position, and each rank
  // of its id among the question's sorted ids, should hold it ~1000 times (sd ≈ 27).
  const Question q = make(77, QuestionType::single_choice, 1, 3, 4);
  const ExamKey key(kSeed);
  std::vector<int> position(4), id_rank(4);
  std::set<std::string> correct_ids;
  for (int c = 0; c < 4000; ++c) {
    const auto s = shuffle_options(key, "worker-" + std::to_string(c), q.id, 4, false);
    const auto at = static_cast<size_t>(std::find(s.order.begin(), s.order.end(), 0) - s.order.begin());
    ++position[at];
    auto sorted = s.ids;
    std::sort(sorted.begin(), sorted.end());
    ++id_rank[static_cast<size_t>(std::find(sorted.begin(), sorted.end(), s.ids[at]) - sorted.begin())];
    correct_ids.insert(s.ids[at]);
    for (const auto& id : s.ids) {
      ASSERT_EQ(id.size(), 12u);
      EXPECT_EQ(id.find_first_not_of("0123456789abcdefghjkmnpqrstvwxyz"), std::string::npos);
    }
  }
  for (int k = 0; k < 4; ++k) {
    EXPECT_GT(position[static_cast<size_t>(k)], 880) << k;
    EXPECT_LT(position[static_cast<size_t>(k)], 1120) << k;
    EXPECT_GT(id_rank[static_cast<size_t>(k)], 880) << k;
    EXPECT_LT(id_rank[static_cast<size_t>(k)], 1120) << k;
  }
  EXPECT_EQ(correct_ids.size(), 4000u);  // a fresh id for every candidate: nothing to share
}

TEST(PaperOptions, IdsAreNotSequentialAndMapBack) {
  const Question q = make(77, QuestionType::single_choice, 1, 3, 5);
  const ExamKey key(kSeed);
  const auto s = shuffle_options(key, "worker-1", q.id, 5, false);
  EXPECT_EQ(std::set<std::string>(s.ids.begin(), s.ids.end()).size(), 5u);
  // No shared stem such as "opt-1", "opt-2": the ids of one question differ from their first character
  // in most positions.
  int same_first = 0;
  for (size_t i = 1; i < s.ids.size(); ++i) same_first += s.ids[i][0] == s.ids[0][0];
  EXPECT_LT(same_first, 3);
  for (size_t k = 0; k < s.ids.size(); ++k)
    EXPECT_EQ(author_indices(s, {s.ids[k]}), std::vector<int>{s.order[k]});
  EXPECT_EQ(author_indices(s, {s.ids[3], s.ids[1]}), (std::vector<int>{s.order[3], s.order[1]}));
  EXPECT_FALSE(author_indices(s, {"zzzzzzzzzzzz"}));
  // The same question for another candidate: other ids, the same ids again for this one.
  const auto other = shuffle_options(key, "worker-2", q.id, 5, false);
  for (const auto& id : other.ids) EXPECT_EQ(std::count(s.ids.begin(), s.ids.end(), id), 0);
  EXPECT_EQ(shuffle_options(key, "worker-1", q.id, 5, false).ids, s.ids);
}

TEST(PaperOptions, ShownQuestionCarriesNoAnswer) {
  Question q = make(5, QuestionType::multiple_choice, 1, 3, 4);
  q.options[2].correct = true;
  q.options[1].image = "img/b.png";
  q.images = {"img/stem.png"};
  const PaperItem item = fixed_paper({q}, kSeed, "worker-1").items.at(0);
  const ShownQuestion s = shown_question(q, item);
  EXPECT_EQ(s.id, item.shown_id);
  EXPECT_NE(s.id, "5");
  EXPECT_EQ(s.stem, q.stem);
  EXPECT_EQ(s.images, q.images);
  ASSERT_EQ(s.options.size(), 4u);
  for (size_t k = 0; k < 4; ++k) {
    const Option& authored = q.options[static_cast<size_t>(item.options.order[k])];
    EXPECT_EQ(s.options[k].id, item.options.ids[k]);
    EXPECT_EQ(s.options[k].text, authored.text);
    EXPECT_EQ(s.options[k].image, authored.image);
  }
  // True/false keeps 正确 before 错误 for everyone; the ids are still per candidate.
  Question tf = true_false_question("陈述", false);
  tf.id = 6;
  const ShownQuestion shown_tf = shown_question(tf, fixed_paper({tf}, kSeed, "worker-1").items.at(0));
  EXPECT_EQ(shown_tf.options[0].text, "正确");
  EXPECT_NE(shown_tf.options[0].id, shown_question(tf, fixed_paper({tf}, kSeed, "worker-2").items.at(0)).options[0].id);
  EXPECT_EQ(error_code([&] { shown_question(tf, item); }), "question_mismatch");
}
