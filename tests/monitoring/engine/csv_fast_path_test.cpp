// The CSV reader's fast path for records without quotes against CsvScanner (csv_reader_check.h).
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "monitoring/engine/csv_reader_check.h"

namespace aims::monitoring {
namespace {

using testing::CsvRows;
using testing::read_with_csv_reader;
using testing::read_with_csv_scanner;

void expect_same(const std::string& text, size_t columns, uint64_t first_line = 1) {
  EXPECT_EQ(read_with_csv_reader(text, columns, first_line),
            read_with_csv_scanner(text, columns, first_line))
      << "input: " << ::testing::PrintToString(text);
}

TEST(CsvFastPath, ReadsPlainRecordsAcrossWindows) {
  std::string text;
  for (int i = 0; i < 100; ++i)
    text += "r" + std::to_string(i) + ",0." + std::to_string(i) + ",,group_" +
            std::to_string(i % 4) + "\n";
  const CsvRows rows = read_with_csv_reader(text, 4, 7);
  ASSERT_EQ(rows.fields.size(), 100u);
  EXPECT_EQ(rows.fields[42], (std::vector<std::string>{"r42", "0.42", "<missing>", "group_2"}));
  EXPECT_EQ(rows.lines[42], 49u);
  expect_same(text, 4, 7);
}

TEST(CsvFastPath, AgreesWithTheScannerOnEdgeCases) {
  for (const char* text : {
           "",
           "\n",
           "\r\n",
           "a,b",
           "a,b\n",
           "a,b,\n",
           "a,b,",
           "a,\n\n\r\nb,c\n",
           "a\r,b\r\n",
           "\r,b\n",
           "a,b\r\r\n",
           "\r",
           "a,\"b\"\n1,2\n",
           "1,2\n\"x\ny\",z\n3,4",
           "1,2\nab\"c,d\n",
           "1,2\n\"ab\"x,d\n",
           "1,2\n3,\"open\n",
           "1,2\n3\n",
           "1,2\n3,4,5\n",
           "\"a\"\"b\",c\r\n\"\",\"\"\n",
       }) {
    expect_same(text, 2);
  }
}

// Random records of two fields from pieces that exercise every path: plain and quoted fields,
// CRLF, empty lines, stray quotes and wrong field counts.
TEST(CsvFastPath, AgreesWithTheScannerOnRandomLogs) {
  const std::vector<std::string> pieces = {"a",       "bc",       "",     "0.25",  "\"q\"",
                                           "\"x,y\"", "\"l\nm\"", "\"\"", ",",     "\r",
                                           "\n",      "\r\n",     "a\"b", "\"z\"w"};
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int records = static_cast<int>(random() % 12);
    for (int r = 0; r < records; ++r) {
      const bool wild = random() % 8 == 0;
      const int count = wild ? static_cast<int>(random() % 4) : 2;
      for (int f = 0; f < count; ++f) {
        if (f > 0) text += ',';
        text += pieces[random() % (wild ? pieces.size() : 6)];
      }
      text += random() % 5 == 0 ? "\r\n" : "\n";
    }
    if (random() % 3 == 0 && !text.empty()) text.pop_back();  // no final line break
    expect_same(text, 2, 1 + random() % 100);
  }
}

}  // namespace
}  // namespace aims::monitoring
