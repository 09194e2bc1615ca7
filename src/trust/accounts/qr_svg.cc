#include "trust/accounts/qr_svg.h"

#include <qrencode.h>

#include <memory>

namespace fyren::trust::accounts {
namespace {

constexpr int kQuietZone = 4;

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

std::string Base64(std::string_view bytes) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                            (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                            static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

base::Result<std::string> QrCodeSvg(std::string_view text) {
  const std::string input(text);
  // libqrencode's encoder is not documented as reentrant for every build; it allocates per call
  // and keeps no shared state in the version Debian ships, but the result is checked for null.
  std::unique_ptr<QRcode, QrFree> code(QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M));
  if (!code) {
    return base::Fail(base::ErrorCode::kInvalidInput, "the text does not fit in a QR code");
  }
  const int width = code->width;
  const int size = width + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if ((code->data[y * width + x] & 1) == 0) continue;
      path +=
          'M' + std::to_string(x + kQuietZone) + ' ' + std::to_string(y + kQuietZone) + "h1v1h-1z";
    }
  }
  const std::string dimension = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + dimension + ' ' + dimension +
         "\" width=\"" + std::to_string(size * 6) + "\" height=\"" + std::to_string(size * 6) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + dimension + "\" height=\"" +
         dimension + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

std::string SvgDataUri(std::string_view svg) { return "data:image/svg+xml;base64," + Base64(svg); }

}  // namespace fyren::trust::accounts
