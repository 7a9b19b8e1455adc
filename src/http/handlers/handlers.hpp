#pragma once
// One function per resource group registers its routes; main.cpp's wiring calls them in order.
// Each handler parses the request, calls one use case and encodes the answer, nothing more.
#include <string>

#include "http/router.hpp"

namespace skb::http {

struct ServerInfo {
  std::string version;
  bool secure_cookies = false;  // add "Secure" to cookies (behind TLS)
};

void add_health_routes(Router& router, service::Services& services, const ServerInfo& info);
void add_auth_routes(Router& router, service::Services& services, const ServerInfo& info);
void add_org_routes(Router& router, service::Services& services);
void add_work_type_routes(Router& router, service::Services& services);
void add_worker_routes(Router& router, service::Services& services);
void add_user_routes(Router& router, service::Services& services);
void add_audit_routes(Router& router, service::Services& services);
void add_mark_trail_routes(Router& router, service::Services& services);
// Only a top-level administrator reads the audit log and its checks (it spans every organisation).
void require_audit_reader(const service::Actor& actor);
void add_competition_routes(Router& router, service::Services& services);
void add_judging_routes(Router& router, service::Services& services);
void add_result_routes(Router& router, service::Services& services);
void add_certificate_routes(Router& router, service::Services& services);
void add_device_routes(Router& router, service::Services& services);
void add_correction_routes(Router& router, service::Services& services);
void add_board_routes(Router& router, service::Services& services);
void add_question_routes(Router& router, service::Services& services);
void add_exam_routes(Router& router, service::Services& services);
void add_practice_routes(Router& router, service::Services& services);
void add_portrait_routes(Router& router, service::Services& services);
void add_timeline_routes(Router& router, service::Services& services);
void add_level_bar_routes(Router& router, service::Services& services);
void add_talent_search_routes(Router& router, service::Services& services);
void add_honour_routes(Router& router, service::Services& services);
void add_course_routes(Router& router, service::Services& services);
void add_assessment_routes(Router& router, service::Services& services);
void add_structure_routes(Router& router, service::Services& services);
void add_post_model_routes(Router& router, service::Services& services);
void add_pipeline_routes(Router& router, service::Services& services);
void add_benchmark_routes(Router& router, service::Services& services);
void add_brain_routes(Router& router, service::Services& services);

// Every route of the API, as main.cpp serves it.
void add_all_routes(Router& router, service::Services& services, const ServerInfo& info);

}  // namespace skb::http
