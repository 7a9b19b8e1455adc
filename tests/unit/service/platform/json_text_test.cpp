#include "service/platform/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>

#include "core/platform/error.hpp"

namespace json = boost::json;
using skb::service::json_text;

TEST(JsonText, WritesFiniteNumbersAsUsual) {
  EXPECT_EQ(json_text(json::object{{"total_marks", 100.5}, {"count", 3}}), R"({"total_marks":1.005E2,"count":3})");
}

TEST(JsonText, RefusesInfinityAndNaNWithTheirPath) {
  const double inf = std::numeric_limits<double>::infinity();
  try {
    json_text(json::object{{"items", json::array{json::object{{"total_marks", 1e308 * 10}}}}});
    FAIL() << "an infinite number was written";
  } catch (const skb::core::Error& e) {
    EXPECT_EQ(e.code(), "non_finite_number");
    EXPECT_NE(std::string(e.what()).find("$.items[0].total_marks"), std::string::npos) << e.what();
  }
  EXPECT_THROW(json_text(json::array{1, -inf}), skb::core::Error);
  EXPECT_THROW(json_text(json::value(std::numeric_limits<double>::quiet_NaN())), skb::core::Error);
}
