#pragma once
// Cryptography the services need, on libsodium (argon2id, secret boxes, keyed hashes, randomness) and
// OpenSSL (SHA-256 for the audit chain). All functions are thread-safe.
#include <string>
#include <string_view>

namespace skb::service {

// argon2id with libsodium's interactive limits; the result is a self-describing "$argon2id$..." string.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);

// `bytes` random bytes as lower-case hex.
std::string random_hex(size_t bytes);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
std::string base64_encode(std::string_view bytes);
std::string base64_decode(std::string_view text);  // throws on malformed input
// Compares secrets in constant time.
bool equal_secret(std::string_view a, std::string_view b);

// Seals personal data (phone, ID number) so a copied database file does not reveal it: XSalsa20-Poly1305
// with a random nonce, plus a keyed BLAKE2b look-up hash so equal values can still be found and deduplicated.
class Sealer {
 public:
  // Reads a 32-byte key (hex) from `key_file`, creating it with mode 0600 when absent.
  static Sealer from_key_file(const std::string& key_file);
  explicit Sealer(std::string key);  // raw 32 bytes

  std::string seal(std::string_view plaintext) const;   // base64 of nonce || ciphertext
  std::string open(std::string_view sealed) const;      // throws core::Error on tampering or a wrong key
  std::string lookup_hash(std::string_view plaintext) const;  // hex

 private:
  std::string box_key_;
  std::string lookup_key_;
};

}  // namespace skb::service
