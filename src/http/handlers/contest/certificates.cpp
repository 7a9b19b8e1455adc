#include <boost/json.hpp>

#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"

namespace skb::http {
namespace {

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

boost::json::value to_json(const service::PublicCertificate& p) {
  return boost::json::object{{"valid", p.valid}, {"holder", p.holder_masked}, {"competition", p.competition}, {"event", p.event},
                             {"award", p.award}, {"honour", p.honour}, {"issuer", p.issuer}, {"issued_on", p.issued_on}, {"team_name", p.team}};
}

// The page a QR code opens: readable on any phone without signing in or loading the app.
std::string verification_page(const std::string& code, const service::PublicCertificate& p) {
  std::string rows;
  auto row = [&](const char* label, const std::string& value) {
    if (!value.empty()) rows += "<tr><th>" + std::string(label) + "</th><td>" + html_escape(value) + "</td></tr>";
  };
  row("持证人 Holder", p.holder_masked);
  row("竞赛 Competition", p.competition);
  row("赛项 Event", p.event);
  row("队伍 Team", p.team);
  row("奖项 Award", p.award);
  row("称号 Title", p.honour);
  row("颁发单位 Issuer", p.issuer);
  row("颁发日期 Issued", p.issued_on);
  const std::string verdict = p.valid ? "<p class=\"ok\">✔ 证书有效 · Valid certificate</p>"
                                      : "<p class=\"bad\">✘ 未找到有效证书 · No valid certificate with this code</p>";
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\"><title>证书核验 · SkillBrain</title><style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:0;"
         "background:#f5f7fa;color:#303133}main{max-width:560px;margin:24px auto;background:#fff;border-radius:8px;padding:24px;"
         "box-shadow:0 2px 12px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 8px}.ok{color:#67c23a;font-size:18px;font-weight:600}"
         ".bad{color:#f56c6c;font-size:18px;font-weight:600}table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px;"
         "border-bottom:1px solid #ebeef5}th{color:#909399;font-weight:400;width:40%}.code{color:#909399;font-size:13px}</style></head>"
         "<body><main><h1>技能数字大脑 · 证书核验</h1><p class=\"code\">证书编号 " +
         html_escape(code) + "</p>" + verdict + "<table>" + rows + "</table></main></body></html>";
}

}  // namespace

void add_certificate_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/events/{id}/certificates", Access::signed_in, [&s](Request& req) {
    boost::json::array items;
    for (const auto& c : s.certificates.list(*req.actor, path_id(req)))
      items.push_back(boost::json::object{{"id", id_json(c.id)}, {"event_id", id_json(c.event_id)}, {"worker_id", id_json(c.worker_id)},
                                          {"holder", c.holder}, {"award", c.award}, {"honour", c.honour}, {"code", c.code},
                                          {"issued_on", c.issued_on}, {"revoked", c.revoked},
                                          {"team_name", c.team}});
    const auto total = static_cast<std::int64_t>(items.size());
    return page_response(std::move(items), std::nullopt, total);
  });
  router.add("GET", "/api/v1/certificates/{id}/pdf", Access::signed_in, [&s](Request& req) {
    Response r{200, "application/pdf", s.certificates.pdf(*req.actor, path_id(req)), {}, {}};
    r.headers.emplace_back("Content-Disposition", "inline; filename=\"certificate.pdf\"");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.add("GET", "/api/v1/public/certificates/{code}", Access::open, [&s](Request& req) {
    return json_response(to_json(s.certificates.verify(req.params.at("code"))));
  });
  router.add("GET", "/verify/{code}", Access::open, [&s](Request& req) {
    const auto& code = req.params.at("code");
    Response r{200, "text/html; charset=utf-8", verification_page(code, s.certificates.verify(code)), {}, {}};
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  });
}

}  // namespace skb::http
