#pragma once
// Small text helpers for UTF-8 input from forms and spreadsheets.
#include <string>
#include <string_view>
#include <vector>

namespace skb::core {

std::string_view trim(std::string_view s);
// Number of Unicode code points (input assumed UTF-8).
size_t utf8_length(std::string_view s);
bool is_valid_utf8(std::string_view s);
// Splits on any of: , ， 、 ; ； and trims the parts; empty parts are dropped.
std::vector<std::string> split_list(std::string_view s);

}  // namespace skb::core
