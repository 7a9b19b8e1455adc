#include "core/exams/normalise.hpp"

#include <cstdint>

namespace skb::core::exam {
namespace {

bool is_space(std::uint32_t cp) {
  switch (cp) {
    case 0x20: case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200B;  // en quad … zero-width space
  }
}

// Decodes one UTF-8 sequence at s[i]; returns its length, 0 when it is not a valid sequence.
size_t decode(std::string_view s, size_t i, std::uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  if (c < 0x80) { cp = c; return 1; }
  if ((c >> 5) == 0x6) { len = 2; cp = c & 0x1F; }
  else if ((c >> 4) == 0xE) { len = 3; cp = c & 0x0F; }
  else if ((c >> 3) == 0x1E) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

}  // namespace

std::string normalise_answer(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    const size_t len = decode(text, i, cp);
    if (len == 0) {  // not UTF-8: keep the byte
      out += text[i++];
      continue;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;  // full-width ASCII → ASCII
    if (is_space(cp)) {
      i += len;
      continue;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace skb::core::exam
