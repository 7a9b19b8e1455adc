#include "core/platform/text.hpp"

namespace skb::core {
namespace {

// The length of the well-formed UTF-8 sequence starting at s[i] (1 for ASCII), or 0 when there is none.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
  if (extra == 4 || i + extra >= s.size()) return 0;  // a stray byte, or a truncated sequence
  for (size_t k = 1; k <= extra; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return extra + 1;
}

}  // namespace

std::string_view trim(std::string_view s) {
  // ASCII white space and full-width spaces (U+3000), common in pasted Chinese text, in any mix.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view space : {" ", "\t", "\r", "\n", "\xE3\x80\x80"}) {
      while (s.starts_with(space)) s.remove_prefix(space.size()), changed = true;
      while (s.ends_with(space)) s.remove_suffix(space.size()), changed = true;
    }
  }
  return s;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0, n; i < s.size(); i += n)
    if ((n = utf8_sequence(s, i)) == 0) return false;
  return true;
}

std::string utf8_excerpt(std::string_view s, size_t chars) {
  size_t i = 0;
  for (size_t n = 0; n < chars && i < s.size(); ++n) {
    const size_t len = utf8_sequence(s, i);
    i += len == 0 ? 1 : len;  // a broken byte counts as one character
  }
  if (i >= s.size()) return std::string(s);
  return std::string(s.substr(0, i)) + "…";
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> parts;
  std::string current;
  auto flush = [&] {
    auto t = trim(current);
    if (!t.empty()) parts.emplace_back(t);
    current.clear();
  };
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ',' || s[i] == ';') { flush(); ++i; continue; }
    // ， (EF BC 8C)  、 (E3 80 81)  ； (EF BC 9B)
    if (s.substr(i, 3) == "\xEF\xBC\x8C" || s.substr(i, 3) == "\xE3\x80\x81" || s.substr(i, 3) == "\xEF\xBC\x9B") {
      flush(); i += 3; continue;
    }
    current += s[i++];
  }
  flush();
  return parts;
}

std::string escape_for_log(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = utf8_sequence(s, i);
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7f || c == '\\'))) {
      out += "\\x", out += kHex[c >> 4], out += kHex[c & 0xf];
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace skb::core
