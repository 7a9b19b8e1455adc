#pragma once
// The JSON of a skill structure, shared by its own route and the 技能大脑 big screen.
#include <boost/json.hpp>

#include "service/analytics/structure.hpp"

namespace skb::http {

boost::json::object structure_json(const service::SkillStructure& structure);

}  // namespace skb::http
