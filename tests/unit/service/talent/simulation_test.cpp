// The portrait against the truth: a population of workers with known abilities on four capability
// dimensions sits exams through the real services (question bank, exams, sessions: the evidence is
// written where it is in production). Each answer is right with the Rasch chance σ(θ − b) of the
// worker's true ability against the question's difficulty, papers are drawn at random from a bank of
// all difficulties, and workers sit one to three exams, so the evidence differs in amount and in how
// hard it was. The portrait must correlate with the true abilities better than the plain average of
// the marks, and about 95 % of the true abilities must lie inside the 95 % bands. The figures are
// printed and recorded as test properties.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <numeric>
#include <vector>

#include "core/platform/random.hpp"
#include "service/exams/codec.hpp"
#include "service/service_fixture.hpp"
#include "service/career/evidence_check.hpp"
#include "service/exams/calibration.hpp"
#include "service/talent/evidence.hpp"

namespace skb::testing {
namespace {

using core::exam::BlueprintRow;
using core::exam::QuestionType;

constexpr int kWorkers = 240;
constexpr int kDimensions = 4;
constexpr int kPerDifficulty = 6;  // questions per dimension and difficulty level
constexpr int kItemsPerDimension = 5;

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

// A standard normal from two uniforms (Box–Muller), deterministic on every platform.
double normal(core::SplitMix64& rnd) {
  const double u1 = (static_cast<double>(rnd.below(1'000'000)) + 0.5) / 1e6, u2 = static_cast<double>(rnd.below(1'000'000)) / 1e6;
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

// The population, the bank and the sittings, shared by the simulations below.
class PortraitSimulation : public ServiceTest {
 protected:
  struct Measure {
    double r_model = 0, r_average = 0, coverage = 0;
  };

  // A work type with four dimensions, its bank (single choice, option 0 right, every dimension × authored
  // difficulty 1–5) and kWorkers workers with true abilities N(0, 1) per dimension.
  void populate(const std::string& code) {
    organiser_ = actor_for(core::Role::organiser, city_);
    const auto work_type = s_->work_types.create(admin_, {0, code, "仿真工种" + code, "",
                                                           {{0, "维度甲", "", 0}, {0, "维度乙", "", 1}, {0, "维度丙", "", 2}, {0, "维度丁", "", 3}}});
    work_type_ = work_type.id;
    for (const auto& d : work_type.dimensions) dims_.push_back(d.id);
    ASSERT_EQ(dims_.size(), static_cast<size_t>(kDimensions));
    for (int d = 0; d < kDimensions; ++d)
      for (int level = 1; level <= 5; ++level)
        for (int k = 0; k < kPerDifficulty; ++k) {
          service::QuestionInput in;
          in.question.type = QuestionType::single_choice;
          in.question.stem = code + "仿真题 维度" + std::to_string(d) + " 难度" + std::to_string(level) + " 第" + std::to_string(k) + "题";
          in.question.options = {{"正确", "", true}, {"错误一", "", false}, {"错误二", "", false}, {"错误三", "", false}};
          in.question.tags = {work_type_, dims_[static_cast<size_t>(d)], std::nullopt, level};
          bank_[s_->questions.create(organiser_, in).question.id] = {d, level};
        }
    for (int w = 0; w < kWorkers; ++w) {
      auto in = worker(code + std::to_string(w), enterprise_a_, seq_base_ + w);
      in.work_type_ids = std::vector<std::int64_t>{work_type_};
      workers_.push_back(s_->workers.create(admin_, in).id);
      truth_.push_back({});
      for (int d = 0; d < kDimensions; ++d) truth_.back().push_back(normal(rnd_));
    }
  }

  // Three exams; worker w sits the first 1 + w % 3 of them, answering each item right with the Rasch
  // chance σ(θ − b) of their true ability against the question's true difficulty.
  void sit_exams(const std::function<double(std::int64_t question_id)>& true_difficulty) {
    std::vector<BlueprintRow> rows;
    for (auto d : dims_) rows.push_back({QuestionType::single_choice, kItemsPerDimension, d, 1, 5, 1});
    for (int e = 0; e < 3; ++e) {
      service::ExamInput in;
      in.title = "仿真考试" + std::to_string(e);
      in.work_type_id = work_type_;
      in.rows = rows;
      in.opens_at = "2026-01-01T00:00:00Z";
      in.closes_at = "2027-12-31T00:00:00Z";
      const auto exam = s_->exams.create(organiser_, in);
      std::vector<std::int64_t> sitters;
      for (int w = 0; w < kWorkers; ++w)
        if (w % 3 >= e) sitters.push_back(workers_[static_cast<size_t>(w)]);
      s_->exams.add_candidates(organiser_, exam.id, sitters);
      s_->exams.publish(organiser_, exam.id);
      for (int w = 0; w < kWorkers; ++w) {
        if (w % 3 < e) continue;
        service::Actor candidate;
        candidate.username = "sim-" + std::to_string(w);
        candidate.worker_id = workers_[static_cast<size_t>(w)];
        const service::ClientInfo client{"sim-device-" + std::to_string(w), "10.0.0.1", "simulation"};
        const auto started = s_->exam_sessions.start(candidate, exam.id, client);
        core::exam::Paper paper;
        db_->read([&](store::Connection& c) {
          paper = service::read_paper(
              c.query_one("SELECT paper FROM exam_candidates WHERE exam_id = ? AND worker_id = ?", {exam.id, *candidate.worker_id})->str(0));
        });
        std::vector<service::SavedAnswer> answers;
        for (const auto& item : paper.items) {
          const int d = bank_.at(item.question_id).first;
          const double p = 1 / (1 + std::exp(-(truth_[static_cast<size_t>(w)][static_cast<size_t>(d)] - true_difficulty(item.question_id))));
          const bool right = static_cast<double>(rnd_.below(1'000'000)) / 1e6 < p;
          // Shown position k holds the author's option order[k]; option 0 is the right one.
          for (size_t k = 0; k < item.options.order.size(); ++k)
            if ((item.options.order[k] == 0) == right) {
              answers.push_back({item.shown_id, {{item.options.ids[k]}, {}, ""}, 1});
              break;
            }
        }
        s_->exam_sessions.submit(candidate, started.session.id, client, answers);
      }
    }
  }

  // The portrait's ability and band against the truth, and the plain average share beside it.
  Measure measure() {
    std::vector<double> true_values, estimates, averages;
    int covered = 0, cells = 0;
    db_->read([&](store::Connection& c) {
      for (int w = 0; w < kWorkers; ++w)
        for (int d = 0; d < kDimensions; ++d) {
          const auto worker_id = workers_[static_cast<size_t>(w)];
          const auto dim = dims_[static_cast<size_t>(d)];
          auto p = c.query_one("SELECT theta, se FROM portrait_scores WHERE worker_id = ? AND work_type_id = ? AND dimension_id = ?",
                               {worker_id, work_type_, dim});
          auto avg = c.query_one("SELECT AVG(score) FROM evidence WHERE worker_id = ? AND work_type_id = ? AND dimension_id = ?",
                                 {worker_id, work_type_, dim});
          ASSERT_TRUE(p.has_value()) << "every sitter has a portrait on every dimension";
          const double t = truth_[static_cast<size_t>(w)][static_cast<size_t>(d)];
          true_values.push_back(t);
          estimates.push_back(p->f64(0));
          averages.push_back(avg->f64(0));
          ++cells;
          if (std::abs(p->f64(0) - t) <= 1.959964 * p->f64(1)) ++covered;
        }
    });
    return {pearson(estimates, true_values), pearson(averages, true_values), static_cast<double>(covered) / cells};
  }

  core::SplitMix64 rnd_{20261207};
  int seq_base_ = 5000;
  service::Actor organiser_;
  std::int64_t work_type_ = 0;
  std::vector<std::int64_t> dims_, workers_;
  std::map<std::int64_t, std::pair<int, int>> bank_;  // question id → (dimension index, authored difficulty)
  std::vector<std::vector<double>> truth_;
};

TEST_F(PortraitSimulation, PortraitsRecoverKnownAbilitiesBetterThanAveragingWithHonestBands) {
  populate("SIMU");
  // The authors judged every question's difficulty right: the scale the portrait reads them on.
  sit_exams([&](std::int64_t q) { return (bank_.at(q).second - 3) * 0.75; });
  const auto m = measure();
  std::cout << "[ portrait simulation ] " << kWorkers << " workers × " << kDimensions << " dimensions, 5–15 items each: "
            << "r(portrait, truth) = " << m.r_model << ", r(plain average, truth) = " << m.r_average
            << ", 95 % band coverage = " << 100 * m.coverage << " %\n";
  RecordProperty("r_portrait", std::to_string(m.r_model));
  RecordProperty("r_plain_average", std::to_string(m.r_average));
  RecordProperty("band_coverage", std::to_string(m.coverage));
  EXPECT_GT(m.r_model, m.r_average) << "the model must beat plain averaging";
  EXPECT_GT(m.r_model, 0.6);
  EXPECT_GE(m.coverage, 0.92);
  EXPECT_LE(m.coverage, 0.985) << "bands much wider than the evidence warrants say less than they could";
}

// Authors misjudge difficulty: each question's true difficulty is its authored level's plus an error
// N(0, 1) logit. Calibration (skillbrain calibrate-items: difficulties from the answers of workers of
// known ability, then the evidence rewritten) must recover the true difficulties far better than the
// authored levels, and the portraits must get closer to the truth with honest bands.
TEST_F(PortraitSimulation, CalibratedItemDifficultiesRecoverMisjudgedQuestionsAndImproveThePortrait) {
  seq_base_ = 6000;
  populate("CALI");
  std::map<std::int64_t, double> true_b;
  for (const auto& [q, dl] : bank_) true_b[q] = (dl.second - 3) * 0.75 + normal(rnd_);
  sit_exams([&](std::int64_t q) { return true_b.at(q); });
  const auto before = measure();

  service::CalibrationRun run;
  for (int round = 0; round < 3; ++round) {  // joint estimation: abilities and difficulties in turn
    run = service::calibrate_items(s_->ctx);
    service::check_evidence(s_->ctx, true);
  }
  const auto after = measure();
  EXPECT_TRUE(service::check_evidence(s_->ctx, false).ok()) << "the record is what the calibrated sources derive";

  std::vector<double> truth, authored, calibrated;
  db_->read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT question_id, difficulty FROM question_calibration")) {
      if (!bank_.count(r.i64(0))) continue;
      truth.push_back(true_b.at(r.i64(0)));
      authored.push_back((bank_.at(r.i64(0)).second - 3) * 0.75);
      calibrated.push_back(r.f64(1));
    }
  });
  const double r_authored = pearson(authored, truth), r_calibrated = pearson(calibrated, truth);
  std::cout << "[ item calibration ] " << run.calibrated << " of " << bank_.size() << " questions calibrated: r(authored b, true b) = " << r_authored
            << ", r(calibrated b, true b) = " << r_calibrated << "; portrait r " << before.r_model << " → " << after.r_model << ", coverage "
            << 100 * before.coverage << " % → " << 100 * after.coverage << " %\n";
  RecordProperty("r_authored_difficulty", std::to_string(r_authored));
  RecordProperty("r_calibrated_difficulty", std::to_string(r_calibrated));
  RecordProperty("coverage_before_calibration", std::to_string(before.coverage));
  RecordProperty("coverage_after_calibration", std::to_string(after.coverage));
  EXPECT_GE(run.calibrated, static_cast<int>(bank_.size() * 9 / 10)) << "most questions have 30 answers or more";
  EXPECT_GT(r_calibrated, r_authored + 0.1);
  EXPECT_GT(r_calibrated, 0.85);
  EXPECT_GT(after.r_model, before.r_model);
  EXPECT_GT(after.coverage, before.coverage - 0.005);
  EXPECT_GE(after.coverage, 0.9);
}

// Ranks and peers' medians come from a histogram kept beside the portraits; here they must equal the
// plain SQL answers (count above, the ⌊n/2⌋-th from the lowest) on a population of portraits.
TEST_F(PortraitSimulation, RanksAndPeerMediansFromTheHistogramAreExact) {
  core::SplitMix64 rnd(7);
  const auto work_type = s_->work_types.create(admin_, {0, "HIST", "直方工种", "", {{0, "甲", "", 0}, {0, "乙", "", 1}}});
  std::vector<std::int64_t> ids;
  for (int w = 0; w < 300; ++w) {
    auto in = worker("直方" + std::to_string(w), w % 2 ? enterprise_a_ : enterprise_b_, 7000 + w);
    in.work_type_ids = std::vector<std::int64_t>{work_type.id};
    ids.push_back(s_->workers.create(admin_, in).id);
  }
  db_->write([&](store::Connection& c) {
    for (size_t w = 0; w < ids.size(); ++w) {
      std::vector<service::EvidenceInput> rows;
      // Few distinct shares, so many portraits tie and share buckets.
      for (int k = 0; k < 4; ++k)
        rows.push_back({ids[w], work_type.id, work_type.dimensions[static_cast<size_t>(k % 2)].id, "item:" + std::to_string(k),
                        static_cast<double>(rnd.below(3)) / 2, 1, 0, "2026-12-01T00:00:00Z", "直方", "exam:1"});
      service::replace_evidence(c, s_->ctx, "exam_item", "hist:" + std::to_string(w), rows);
    }
  });
  for (size_t w = 0; w < ids.size(); w += 7) {
    const auto p = s_->portraits.portrait(admin_, ids[w], work_type.id);
    ASSERT_TRUE(p.overall && p.in_all && p.in_enterprise);
    db_->read([&](store::Connection& c) {
      const auto higher = c.query_one("SELECT COUNT(*) FROM portrait_scores WHERE work_type_id = ? AND dimension_id = 0 AND theta > ?",
                                      {work_type.id, p.overall->theta})->i64(0);
      EXPECT_EQ(p.in_all->rank, higher + 1);
      EXPECT_EQ(p.in_all->of, 300);
      const auto org_higher = c.query_one("SELECT COUNT(*) FROM portrait_scores p JOIN workers w ON w.id = p.worker_id WHERE p.work_type_id = ? "
                                          "AND p.dimension_id = 0 AND p.theta > ? AND w.org_id = (SELECT org_id FROM workers WHERE id = ?)",
                                          {work_type.id, p.overall->theta, ids[w]})->i64(0);
      EXPECT_EQ(p.in_enterprise->rank, org_higher + 1);
      EXPECT_EQ(p.in_enterprise->of, 150);
      for (const auto& d : p.dimensions) {
        const auto n = c.query_one("SELECT COUNT(*) FROM portrait_scores WHERE work_type_id = ? AND dimension_id = ?", {work_type.id, d.id})->i64(0);
        const auto median = c.query_one("SELECT theta FROM portrait_scores WHERE work_type_id = ? AND dimension_id = ? ORDER BY theta LIMIT 1 OFFSET ?",
                                        {work_type.id, d.id, n / 2})->f64(0);
        ASSERT_TRUE(d.peer_median.has_value());
        EXPECT_NEAR(*d.peer_median, 100 / (1 + std::exp(-median)), 1e-9) << d.name;
      }
    });
  }
}

}  // namespace
}  // namespace skb::testing
