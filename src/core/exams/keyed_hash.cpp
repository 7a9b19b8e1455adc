#include "core/exams/keyed_hash.hpp"

#include <string>

#include "core/platform/error.hpp"

namespace skb::core::exam {
namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
  std::uint64_t v0, v1, v2, v3;
  void round() {
    v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
    v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
    v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
    v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
  }
  void compress(std::uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
};

void append_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// Fixed, public: only spreads the seed into a 128-bit key; the secrecy is the seed's.
constexpr std::uint64_t kDeriveK0 = 0x736b622d6578616dULL;  // "skb-exam"
constexpr std::uint64_t kDeriveK1 = 0x2d6b65792d763031ULL;  // "-key-v01"

}  // namespace

std::uint64_t siphash24(std::uint64_t k0, std::uint64_t k1, std::string_view data) {
  SipState s{k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL, k0 ^ 0x6c7967656e657261ULL,
             k1 ^ 0x7465646279746573ULL};
  const size_t whole = data.size() / 8 * 8;
  for (size_t i = 0; i < whole; i += 8) {
    std::uint64_t m = 0;
    for (int b = 0; b < 8; ++b) m |= std::uint64_t{static_cast<unsigned char>(data[i + b])} << (8 * b);
    s.compress(m);
  }
  std::uint64_t last = std::uint64_t{data.size() & 0xFF} << 56;
  for (size_t i = whole; i < data.size(); ++i)
    last |= std::uint64_t{static_cast<unsigned char>(data[i])} << (8 * (i - whole));
  s.compress(last);
  s.v2 ^= 0xFF;
  for (int i = 0; i < 4; ++i) s.round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

ExamKey::ExamKey(std::string_view seed) {
  if (seed.size() < 16)
    throw invalid("seed", "抽题种子至少16字节 (the draw seed must be at least 16 bytes)", "seed_too_short");
  std::string message = "k0";
  message += seed;
  k0_ = siphash24(kDeriveK0, kDeriveK1, message);
  message[1] = '1';
  k1_ = siphash24(kDeriveK0, kDeriveK1, message);
}

std::uint64_t ExamKey::hash(std::string_view purpose, std::string_view candidate, std::int64_t question_id,
                            std::int64_t index) const {
  std::string message;
  message.reserve(purpose.size() + candidate.size() + 40);
  append_u64(message, purpose.size());
  message += purpose;
  append_u64(message, candidate.size());
  message += candidate;
  append_u64(message, static_cast<std::uint64_t>(question_id));
  append_u64(message, static_cast<std::uint64_t>(index));
  return siphash24(k0_, k1_, message);
}

std::string ExamKey::opaque_id(std::string_view purpose, std::string_view candidate, std::int64_t question_id,
                               std::int64_t index) const {
  static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford's base32
  const std::uint64_t v = hash(purpose, candidate, question_id, index);
  std::string id(12, '0');
  for (size_t i = 0; i < id.size(); ++i) id[i] = kAlphabet[(v >> (5 * i)) & 31];
  return id;
}

}  // namespace skb::core::exam
