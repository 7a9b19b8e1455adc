#pragma once
// The demo's 培训 and 荣誉: courses for the city's electricians (one aimed at the dimensions the demo
// worker is weak in), completions with their final scores months apart, and a few honours, so the
// demo worker's record, timeline and portrait show training beside exams and competitions.
#include "service/services.hpp"

namespace skb::service {

struct DemoTrainingSummary {
  int courses = 0;
  int completions = 0;
  int honours = 0;
};

DemoTrainingSummary seed_demo_training(Services& services);

}  // namespace skb::service
