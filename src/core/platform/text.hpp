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
// The first `chars` code points, with "…" when anything was cut; never splits a UTF-8 sequence.
std::string utf8_excerpt(std::string_view s, size_t chars);
// Splits on any of: , ， 、 ; ； and trims the parts; empty parts are dropped.
std::vector<std::string> split_list(std::string_view s);
// For one line of a log: control characters, backslashes and bytes that are not valid UTF-8 become
// \xNN, so a request cannot forge log lines (%0a) or write raw NUL bytes.
std::string escape_for_log(std::string_view s);

}  // namespace skb::core
