#include "service/platform/qr.hpp"

#include <qrencode.h>

#include <fmt/format.h>

#include "core/platform/error.hpp"

namespace skb::service {

QrModules qr_modules(const std::string& text) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) throw core::Error(core::ErrorKind::internal, "qr_failed", "cannot encode a QR code");
  QrModules m{qr->width, std::vector<bool>(static_cast<size_t>(qr->width * qr->width))};
  for (int i = 0; i < qr->width * qr->width; ++i) m.dark[static_cast<size_t>(i)] = (qr->data[i] & 1) != 0;
  QRcode_free(qr);
  return m;
}

std::string qr_svg(const std::string& text) {
  const auto m = qr_modules(text);
  const int size = m.width + 8;
  std::string path;
  for (int row = 0; row < m.width; ++row)
    for (int col = 0; col < m.width; ++col)
      if (m.dark[static_cast<size_t>(row * m.width + col)]) path += fmt::format("M{} {}h1v1h-1z", col + 4, row + 4);
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" shape-rendering=\"crispEdges\">"
                     "<rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/><path d=\"{1}\" fill=\"#000\"/></svg>",
                     size, path);
}

}  // namespace skb::service
