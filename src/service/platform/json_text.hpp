#pragma once
// The one way our JSON becomes text: boost::json writes an infinite double as the bare word Infinity,
// which is not JSON (a page's JSON.parse fails and shows nothing). This writer refuses instead (an
// internal error naming the field), so bad numbers are caught where they are made; request bodies are
// checked with non_finite_path on the way in (boost::json reads 1e999 as infinity).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

namespace skb::service {

std::string json_text(const boost::json::value& value);
// Overloads so an object or array is written without first being copied into a value.
std::string json_text(const boost::json::object& object);
std::string json_text(const boost::json::array& array);
// "$.items[0].total" for the first non-finite number in `value`, or "" when every number is finite.
std::string non_finite_path(const boost::json::value& value);

}  // namespace skb::service
