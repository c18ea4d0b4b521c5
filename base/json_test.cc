// base/json_test.cc — JsonQuote as encoding/json quotes.
#include "base/json.h"

#include "gtest/gtest.h"

namespace heapmap::base {
namespace {

TEST(JsonQuote, AsEncodingJson) {
  EXPECT_EQ(JsonQuote("plain"), "\"plain\"");
  EXPECT_EQ(JsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(JsonQuote("\n\r\t\x01"), "\"\\n\\r\\t\\u0001\"");
  EXPECT_EQ(JsonQuote("<&>"), "\"\\u003c\\u0026\\u003e\"");
  EXPECT_EQ(JsonQuote("x\xE2\x80\xA8y\xE2\x80\xA9"), "\"x\\u2028y\\u2029\"");
  EXPECT_EQ(JsonQuote("h\xC3\xA9"), "\"h\xC3\xA9\"");  // other UTF-8 as it is
}

}  // namespace
}  // namespace heapmap::base
