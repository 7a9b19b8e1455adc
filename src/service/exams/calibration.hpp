#pragma once
// 试题标定: each exam question's difficulty estimated from how workers of known ability (their portraits)
// answered it (core/talent/calibration), for the questions with enough answers. Run as a batch
// (`skillbrain calibrate-items`, e.g. nightly); the evidence that reads the items is then rewritten by the
// evidence check's repair, which derives it with the new difficulties.
#include <cstdint>

#include "service/platform/context.hpp"

namespace skb::service {

struct CalibrationRun {
  int questions = 0;         // questions answered in submitted exams
  int calibrated = 0;        // with at least min_answers graded answers: their difficulty stored
  int min_answers = 0;
  double mean_shift = 0;     // mean |calibrated − authored|, logits
};

// Practice answers are left out: the answer is shown after each attempt and questions come back, so
// they say less about the question than about practice.
CalibrationRun calibrate_items(const Context& ctx, int min_answers = 30);

}  // namespace skb::service
