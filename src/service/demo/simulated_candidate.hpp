#pragma once
// A simulated candidate for the demo: answers an exam's items with the logistic chance of their ability
// against each question's difficulty, through the real session service (start, save, submit), as a
// phone would.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/exams/paper.hpp"
#include "core/exams/grading.hpp"
#include "core/exams/question.hpp"
#include "core/platform/random.hpp"
#include "service/services.hpp"

namespace skb::service {

// The demo's electricians' paper: every question type of the bank.
std::vector<core::exam::BlueprintRow> electrician_blueprint();

// One item: right with the chance σ(θ − b), otherwise a plausible wrong answer.
core::exam::Response simulated_response(const core::exam::Question& q, const core::exam::PaperItem& item, double theta, core::SplitMix64& rnd);

// Sits and submits the worker's paper of a published exam; `ability` gives θ per question (by its dimension).
// With `blips`, one candidate in ten leaves the page once (an integrity event). Answers the session id.
std::int64_t sit_exam(Services& s, std::int64_t exam_id, std::int64_t worker_id, const std::function<double(const core::exam::Question&)>& ability,
                      core::SplitMix64& rnd, bool blips = false);

// An RFC 3339 time `offset_seconds` from the context's now.
std::string demo_time(const Context& ctx, std::int64_t offset_seconds);

}  // namespace skb::service
