#pragma once
// How the service's values look in JSON (the API contract: docs/api/openapi.yaml). Ids are strings.
#include <boost/json/value.hpp>

#include "core/platform/audit_chain.hpp"
#include "http/message.hpp"
#include "service/people/actor.hpp"
#include "service/people/auth.hpp"
#include "service/people/orgs.hpp"
#include "service/people/work_types.hpp"
#include "service/people/workers.hpp"

namespace skb::http {

boost::json::value id_json(std::int64_t id);
boost::json::value to_json(const service::Grant& g);
boost::json::value to_json(const service::Actor& a);
boost::json::value to_json(const service::UserView& u);
boost::json::value to_json(const service::OrgView& o);
boost::json::value to_json(const service::WorkType& w);
boost::json::value to_json(const service::WorkerView& w);
boost::json::value to_json(const core::AuditEntry& e);

Response json_response(const boost::json::value& v, int status = 200);
// `{items, next_cursor, total}`
Response page_response(boost::json::array items, std::optional<std::int64_t> next_cursor, std::int64_t total);

}  // namespace skb::http
