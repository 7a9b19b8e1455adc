#pragma once
// 密钥散列: everything a candidate's paper shows that must look random to them — which questions,
// option order, option ids — is derived from SipHash-2-4 (a keyed PRF) under a key derived from the
// exam's recorded seed. A plain hash (FNV, SplitMix64 over the text) could be inverted from the ids a
// candidate sees and would tell which id belongs to the author's first option; a keyed PRF cannot be
// without the seed. The seed also makes every paper reproducible.
#include <cstdint>
#include <string>
#include <string_view>

namespace skb::core::exam {

// SipHash-2-4 (Aumasson & Bernstein); k0, k1 are the key's two 64-bit halves, read little-endian.
std::uint64_t siphash24(std::uint64_t k0, std::uint64_t k1, std::string_view data);

class ExamKey {
 public:
  // `seed` is the exam's recorded draw seed and the secret behind every paper: keep it server-side and
  // out of every page until the exam is over, and make it ≥ 128 random bits (e.g. 32 hex digits from
  // the service's random source). Throws Error(invalid, "seed_too_short") below 16 bytes.
  explicit ExamKey(std::string_view seed);

  // A 64-bit value for one purpose ("draw", "options", "option", "item"); the parts are framed
  // (lengths and fixed widths), so no candidate key can collide with another purpose's input.
  std::uint64_t hash(std::string_view purpose, std::string_view candidate, std::int64_t question_id,
                     std::int64_t index) const;
  // The same value as 12 characters of base32 (0-9, a-z without i l o u; 60 bits): an id for a page.
  std::string opaque_id(std::string_view purpose, std::string_view candidate, std::int64_t question_id,
                        std::int64_t index) const;

 private:
  std::uint64_t k0_ = 0;
  std::uint64_t k1_ = 0;
};

}  // namespace skb::core::exam
