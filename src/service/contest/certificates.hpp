#pragma once
// 证书: issued to every award winner when results are published; a PDF with a QR code, and a public
// verification by code that shows validity and a masked name, nothing else.
#include <optional>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct CertificateView {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::int64_t worker_id = 0;
  std::string holder;  // full name (masked in the public view)
  std::string competition, event, award, honour, issuer, issued_on, code;
  bool revoked = false;
  std::string team;  // the holder's team in a team event, else ""
};

struct PublicCertificate {
  bool valid = false;
  std::string holder_masked, competition, event, award, honour, issuer, issued_on, team;
};

class CertificateService {
 public:
  explicit CertificateService(const Context& ctx) : ctx_(ctx) {}
  std::vector<CertificateView> list(const Actor& actor, std::int64_t event_id) const;
  // The PDF bytes; for readers of the competition and for the holder.
  std::string pdf(const Actor& actor, std::int64_t certificate_id) const;
  // Public: no sign-in. An unknown code is simply not valid.
  PublicCertificate verify(const std::string& code) const;

 private:
  const Context& ctx_;
};

// Inside the publishing (or correcting) transaction: one valid certificate per award winner (each member
// of a winning team); certificates whose
// award changed are revoked and reissued.
int issue_certificates(store::Connection& conn, const Context& ctx, std::int64_t competition_id);

}  // namespace skb::service
