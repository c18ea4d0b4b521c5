// base/utf8_test.cc — AppendUtf8 and HexDigitValue.
#include "base/utf8.h"

#include "gtest/gtest.h"

namespace heapmap::base {
namespace {

TEST(AppendUtf8Test, EachLengthAtItsBounds) {
  std::string out;
  for (uint32_t r : {0x00u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
    AppendUtf8(r, &out);
  }
  EXPECT_EQ(out, std::string("\x00\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"
                             "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF", 20));
  std::string euro;
  AppendUtf8(0x20AC, &euro);
  EXPECT_EQ(euro, "€");
}

TEST(HexDigitValueTest, DigitsAndNot) {
  EXPECT_EQ(HexDigitValue('0'), 0);
  EXPECT_EQ(HexDigitValue('9'), 9);
  EXPECT_EQ(HexDigitValue('a'), 10);
  EXPECT_EQ(HexDigitValue('F'), 15);
  EXPECT_EQ(HexDigitValue('g'), -1);
  EXPECT_EQ(HexDigitValue('/'), -1);
  EXPECT_EQ(HexDigitValue('\0'), -1);
}

}  // namespace
}  // namespace heapmap::base
