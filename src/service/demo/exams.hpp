#pragma once
// The demo's 网上练兵 and exams: the electrician and welder banks (imported like a union's template),
// practice levels, an exam open now for the demo worker and the city's electricians, and a finished
// exam with simulated candidates so the grading queue and item statistics have something to show.
#include <string>

#include "service/services.hpp"

namespace skb::service {

struct DemoExamSummary {
  int questions = 0;
  int levels = 0;
  int exams = 0;
  int sat = 0;  // simulated candidates who sat the finished exam
};

DemoExamSummary seed_demo_exams(Services& services, int simulated_candidates);

}  // namespace skb::service
