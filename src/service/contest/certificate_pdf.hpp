#pragma once
// Renders a certificate (荣誉证书) as a one-page A4 landscape PDF with cairo and pango (Noto CJK fonts)
// and a QR code (libqrencode) that links to the public verification page.
#include <string>

namespace skb::service {

struct CertificateText {
  std::string holder;        // 张伟
  std::string competition;   // 2026年温州市……大赛
  std::string event;         // 焊工
  std::string award;         // 一等奖
  std::string honour;        // 温州市技术能手 (may be empty)
  std::string issuer;        // 温州市总工会
  std::string issued_on;     // 2026-11-24
  std::string code;          // verification code
  std::string verify_url;    // encoded in the QR code
  std::string team;          // 供电一队 in a team event (may be empty)
};

std::string render_certificate_pdf(const CertificateText& text);

}  // namespace skb::service
