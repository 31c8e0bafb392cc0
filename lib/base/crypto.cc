#include "base/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "base/error.h"
#include "base/strings.h"

namespace dpo {

Sha256 sha256(std::string_view data) {
  Sha256 out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr) != 1)
    throw Error(ExitCode::internal, "sha-256 failed in libcrypto");
  return out;
}

std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

Sha256 hmac_sha256(std::span<const unsigned char> key, std::string_view data) {
  Sha256 out{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &length) == nullptr)
    throw Error(ExitCode::internal, "hmac-sha-256 failed in libcrypto");
  return out;
}

std::vector<unsigned char> random_bytes(std::size_t count) {
  std::vector<unsigned char> out(count);
  if (RAND_bytes(out.data(), static_cast<int>(count)) != 1)
    throw Error(ExitCode::internal, "no secure random bytes from libcrypto");
  return out;
}

}  // namespace dpo
