#include "trust/accounts/qr_svg.h"

#include <gtest/gtest.h>

namespace fyren::trust::accounts {
namespace {

TEST(QrSvgTest, DrawsAPathWithoutStyleOrScript) {
  auto svg = QrCodeSvg("otpauth://totp/Fyren:anna?secret=JBSWY3DPEHPK3PXP&issuer=Fyren");
  ASSERT_TRUE(svg);
  EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_NE(svg->find("<path fill=\"#000\" d=\"M"), std::string::npos);
  EXPECT_EQ(svg->find("style"), std::string::npos);
  EXPECT_EQ(svg->find("script"), std::string::npos);
  const std::string uri = SvgDataUri(*svg);
  EXPECT_TRUE(uri.starts_with("data:image/svg+xml;base64,PHN2Zy"));
}

TEST(QrSvgTest, RefusesTextTooLongForAQrCode) { EXPECT_FALSE(QrCodeSvg(std::string(8000, 'x'))); }

}  // namespace
}  // namespace fyren::trust::accounts
