#pragma once
// JSON shapes of competitions, events, schemes, entries, judges and standings.
#include <boost/json.hpp>

#include "service/contest/competitions.hpp"
#include "service/contest/judging.hpp"
#include "service/contest/scheme_corrections.hpp"

namespace skb::http {

boost::json::value opt_id_json(const std::optional<std::int64_t>& id);  // null when absent
boost::json::value to_json(const service::VenueView& v);
boost::json::value to_json(const service::EventSummary& e);
boost::json::value to_json(const service::CompetitionView& c);
boost::json::value to_json(const service::EventView& e);
boost::json::value to_json(const service::EntryView& e);
boost::json::value to_json(const service::JudgeAssignmentView& j);
boost::json::value to_json(const service::SchemeCorrectionView& c);
boost::json::value to_json(const service::Standings& s);
boost::json::value to_json(const service::JudgeTask& t);
boost::json::value to_json(const core::JudgeSummary& j);

// One mark `{client_id, entry_id, aspect_id, value}` as a judge's phone or a device sends it; `field` names it in errors.
service::MarkInput mark_from_json(const boost::json::value& v, const std::string& field);

// The scheme a client sends (PUT /events/{id}/scheme).
std::vector<service::ComponentDef> scheme_from_json(const boost::json::object& body);

}  // namespace skb::http
