#pragma once
// The demo's 岗位技能考核: the demo worker's enterprise assessed a dozen of its electricians ten days ago,
// each answering with their own profile across the dimensions, so the report ranks them, shows the
// enterprise where its electricians are weak, and the demo worker finds their report on the phone.
#include "service/services.hpp"

namespace skb::service {

struct DemoAssessmentSummary {
  int assessments = 0;
  int assessed = 0;
};

DemoAssessmentSummary seed_demo_assessments(Services& services);

}  // namespace skb::service
