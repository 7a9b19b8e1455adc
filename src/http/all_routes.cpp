#include "http/handlers/handlers.hpp"

namespace skb::http {

void add_all_routes(Router& router, service::Services& services, const ServerInfo& info) {
  add_health_routes(router, services, info);
  add_auth_routes(router, services, info);
  add_org_routes(router, services);
  add_work_type_routes(router, services);
  add_worker_routes(router, services);
  add_user_routes(router, services);
  add_audit_routes(router, services);
  add_mark_trail_routes(router, services);
  add_competition_routes(router, services);
  add_judging_routes(router, services);
  add_result_routes(router, services);
  add_certificate_routes(router, services);
  add_device_routes(router, services);
  add_correction_routes(router, services);
  add_board_routes(router, services);
  add_question_routes(router, services);
  add_exam_routes(router, services);
  add_practice_routes(router, services);
  add_portrait_routes(router, services);
  add_timeline_routes(router, services);
  add_level_bar_routes(router, services);
  add_honour_routes(router, services);
  add_course_routes(router, services);
  add_assessment_routes(router, services);
  add_structure_routes(router, services);
  add_post_model_routes(router, services);
  add_pipeline_routes(router, services);
  add_benchmark_routes(router, services);
  add_brain_routes(router, services);
  add_talent_search_routes(router, services);
}

}  // namespace skb::http
