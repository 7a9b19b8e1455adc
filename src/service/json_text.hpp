#pragma once
// The one way our JSON becomes text: boost::json writes an infinite double as 1e99999 (read back as
// Infinity) and NaN as null, so a stray non-finite number would reach pages as "Infinity". This writer
// refuses instead (an internal error naming the field), so bad numbers are caught where they are made.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

namespace skb::service {

std::string json_text(const boost::json::value& value);
// Overloads so an object or array is written without first being copied into a value.
std::string json_text(const boost::json::object& object);
std::string json_text(const boost::json::array& array);

}  // namespace skb::service
