#pragma once
// QR codes (libqrencode): modules for drawing into a PDF, or a self-contained SVG for pages and cards.
#include <string>
#include <vector>

namespace skb::service {

struct QrModules {
  int width = 0;
  std::vector<bool> dark;  // row-major, width × width
};

QrModules qr_modules(const std::string& text);
// An SVG with a four-module quiet zone, scaled by the viewer.
std::string qr_svg(const std::string& text);

}  // namespace skb::service
