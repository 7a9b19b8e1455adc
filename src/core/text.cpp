#include "core/text.hpp"

namespace skb::core {

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
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    if (c < 0x80) extra = 0;
    else if ((c >> 5) == 0x6) extra = 1;
    else if ((c >> 4) == 0xE) extra = 2;
    else if ((c >> 3) == 0x1E) extra = 3;
    else return false;
    if (i + extra >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
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

}  // namespace skb::core

namespace skb::core {

std::string escape_for_log(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  const auto escape = [&](unsigned char c) { out += "\\x", out += kHex[c >> 4], out += kHex[c & 0xf]; };
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f || c == '\\') escape(c);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t extra = (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 0;
    bool ok = extra > 0 && i + extra < s.size();
    for (size_t k = 1; ok && k <= extra; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (!ok) {
      escape(c);
      ++i;
      continue;
    }
    out.append(s.substr(i, extra + 1));
    i += extra + 1;
  }
  return out;
}

}  // namespace skb::core
