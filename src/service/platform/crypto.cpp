#include "service/platform/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/platform/error.hpp"

namespace skb::service {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw core::Error(core::ErrorKind::internal, "crypto_unavailable", "libsodium failed to initialise");
}

core::Error crypto_error(const std::string& message) {
  return core::Error(core::ErrorKind::internal, "crypto_error", message);
}

std::string to_hex(const unsigned char* data, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw crypto_error("out of memory while hashing a password");
  return out;
}

bool verify_password(std::string_view password, const std::string& stored_hash) {
  ensure_sodium();
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_hex(size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return to_hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) throw crypto_error("SHA-256 failed");
  return to_hex(digest, size);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
            digest, &size))
    throw crypto_error("HMAC-SHA256 failed");
  return to_hex(digest, size);
}

bool equal_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Sealer::Sealer(std::string key) {
  ensure_sodium();
  if (key.size() != crypto_secretbox_KEYBYTES) throw crypto_error("the data key must be 32 bytes");
  // Two subkeys from one master key: one to encrypt, one for look-up hashes.
  box_key_.resize(crypto_secretbox_KEYBYTES);
  lookup_key_.resize(crypto_generichash_KEYBYTES);
  const auto* master = reinterpret_cast<const unsigned char*>(key.data());
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(box_key_.data()), box_key_.size(), 1, "skb-seal", master);
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(lookup_key_.data()), lookup_key_.size(), 2, "skb-look",
                             master);
}

Sealer Sealer::from_key_file(const std::string& key_file) {
  ensure_sodium();
  namespace fs = std::filesystem;
  if (!fs::exists(key_file)) {
    if (auto dir = fs::path(key_file).parent_path(); !dir.empty()) fs::create_directories(dir);
    const std::string hex = random_hex(crypto_secretbox_KEYBYTES);
    const mode_t old = umask(077);
    std::ofstream(key_file) << hex << "\n";
    umask(old);
    chmod(key_file.c_str(), 0600);
  }
  std::ifstream in(key_file);
  std::string hex;
  in >> hex;
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.c_str(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != key.size())
    throw crypto_error("the key file " + key_file + " does not hold a 32-byte hex key");
  return Sealer(std::move(key));
}

std::string base64_encode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string base64_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), "\r\n ", &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw crypto_error("malformed base64");
  out.resize(len);
  return out;
}

std::string Sealer::seal(std::string_view plaintext) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plaintext.data()),
                        plaintext.size(), nonce, reinterpret_cast<const unsigned char*>(box_key_.data()));
  return base64_encode(box);
}

std::string Sealer::open(std::string_view sealed) const {
  std::string box(sealed.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(), sealed.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    throw crypto_error("sealed value is malformed");
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(box_key_.data())) != 0)
    throw crypto_error("sealed value failed authentication (wrong key or tampered)");
  return plain;
}

std::string Sealer::lookup_hash(std::string_view plaintext) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                     reinterpret_cast<const unsigned char*>(lookup_key_.data()), lookup_key_.size());
  return to_hex(out, sizeof out);
}

}  // namespace skb::service
