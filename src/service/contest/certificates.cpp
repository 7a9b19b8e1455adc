#include "service/contest/certificates.hpp"

#include "core/people/personal_data.hpp"
#include "core/platform/error.hpp"
#include "service/contest/certificate_pdf.hpp"
#include "service/contest/judging.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {
namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.event_id, c.worker_id, w.name, comp.name, e.name, c.award, c.honour, c.issuer, c.issued_on, c.code, c.revoked, "
    "comp.org_path, en.team_name FROM certificates c JOIN workers w ON w.id = c.worker_id JOIN events e ON e.id = c.event_id "
    "JOIN competitions comp ON comp.id = e.competition_id JOIN entries en ON en.id = c.entry_id";

CertificateView view_from(const store::Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.str(3),  r.str(4),       r.str(5), r.str(6),
          r.str(7), r.str(8), r.str(9), r.str(10), r.i64(11) != 0, r.str(13)};
}

std::string new_code() {
  // 12 characters without look-alikes, grouped for reading aloud: 60 bits of randomness.
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const auto hex = random_hex(12);
  std::string code;
  for (size_t i = 0; i < 12; ++i) {
    if (i && i % 4 == 0) code += '-';
    code += kAlphabet[static_cast<size_t>(std::stoi(hex.substr(i * 2, 2), nullptr, 16)) % kAlphabet.size()];
  }
  return code;
}

}  // namespace

int issue_certificates(store::Connection& c, const Context& ctx, std::int64_t competition_id) {
  const auto issuer = c.query_one("SELECT o.name FROM competitions c JOIN orgs o ON o.id = c.organiser_org_id WHERE c.id = ?",
                                  {competition_id})->str(0);
  int issued = 0;
  for (const auto& ev : c.query("SELECT id FROM events WHERE competition_id = ? ORDER BY id", {competition_id}))
    for (const auto& r : compute_standings(c, ev.i64(0), std::nullopt).results)
      for (const auto& member : r.entry.members) {  // each member of a team holds their own certificate
        // A certificate whose award no longer holds (after a correction) is revoked, never edited.
        auto current = c.query_one(
            "SELECT id, award, honour FROM certificates WHERE event_id = ? AND entry_id = ? AND worker_id = ? AND revoked = 0",
            {ev.i64(0), r.entry.id, member.worker_id});
        if (current && (current->str(1) != r.award || current->str(2) != r.honour)) {
          c.execute("UPDATE certificates SET revoked = 1 WHERE id = ?", {current->i64(0)});
          current.reset();
        }
        if (r.award.empty() || current) continue;
        c.execute(
            "INSERT INTO certificates(event_id, entry_id, worker_id, award, honour, code, issuer, issued_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {ev.i64(0), r.entry.id, member.worker_id, r.award, r.honour, new_code(), issuer, ctx.today()});
        ++issued;
      }
  return issued;
}

std::vector<CertificateView> CertificateService::list(const Actor& actor, std::int64_t event_id) const {
  std::vector<CertificateView> out;
  ctx_.db.read([&](store::Connection& c) {
    auto path = c.query_one("SELECT comp.org_path FROM events e JOIN competitions comp ON comp.id = e.competition_id WHERE e.id = ?", {event_id});
    if (!path) throw core::not_found("event " + std::to_string(event_id));
    require(actor, core::Permission::read_competitions, path->str(0));
    for (const auto& r : c.query(std::string(kSelect) + " WHERE c.event_id = ? ORDER BY c.id", {event_id})) out.push_back(view_from(r));
  });
  return out;
}

std::string CertificateService::pdf(const Actor& actor, std::int64_t certificate_id) const {
  CertificateView v;
  ctx_.db.read([&](store::Connection& c) {
    auto r = c.query_one(std::string(kSelect) + " WHERE c.id = ?", {certificate_id});
    if (!r) throw core::not_found("certificate " + std::to_string(certificate_id));
    v = view_from(*r);
    if (actor.worker_id != v.worker_id) require(actor, core::Permission::read_competitions, r->str(12));
  });
  if (v.revoked) throw core::conflict("revoked", "该证书已撤销 (the certificate was revoked)");
  return render_certificate_pdf({v.holder, v.competition, v.event, v.award, v.honour, v.issuer, v.issued_on, v.code,
                                 ctx_.public_url + "/verify/" + v.code, v.team});
}

PublicCertificate CertificateService::verify(const std::string& code) const {
  PublicCertificate p;
  if (code.size() > 20) return p;
  ctx_.db.read([&](store::Connection& c) {
    auto r = c.query_one(std::string(kSelect) + " WHERE c.code = ?", {code});
    if (!r) return;
    const auto v = view_from(*r);
    p = {!v.revoked, core::mask_name(v.holder), v.competition, v.event, v.award, v.honour, v.issuer, v.issued_on, v.team};
  });
  return p;
}

}  // namespace skb::service
