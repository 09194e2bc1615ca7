#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace fyren::trust::accounts {

// `text` as a QR code (libqrencode, error correction level M) drawn as an SVG document: one
// <path> of unit squares, black on white, with a quiet zone of four modules. No script, no style
// attribute, so it passes the Content-Security-Policy as an <img src="data:..."> .
// kInvalidInput when the text is too long for a QR code; thread-safe.
[[nodiscard]] base::Result<std::string> QrCodeSvg(std::string_view text);

// The SVG as a data: URI (base64), ready for an <img src>.
[[nodiscard]] std::string SvgDataUri(std::string_view svg);

}  // namespace fyren::trust::accounts
