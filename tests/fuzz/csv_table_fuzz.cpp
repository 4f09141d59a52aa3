// Fuzzes the scenario CSV table reader (sim/scenario/csv_table): the bytes
// are read as a table with the columns of one of the scenario's tables
// (the first whose required columns all appear in the input's first line,
// so a real table from scenarios/ is read as itself), then every cell goes
// through every conversion a loader uses (the first rows' cells). InputError is the reader's one
// documented error; anything else is a finding.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/input_error.hpp"

namespace {

using provsim::sim::CsvTable;
using provsim::sim::InputError;

struct Columns {
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

// The tables the scenario loaders read (sim/scenario/*_tables.cpp); the last
// entry takes any other input.
const std::vector<Columns> kTables = {
    {{"block", "owner"}, {"region", "spare"}},
    {{"id", "kind", "name"}, {}},
    {{"id", "owner", "kind", "unit", "name"}, {}},
    {{"id", "isp", "market", "name"}, {}},
    {{"plan", "offering", "monthly_fee"}, {}},
    {{"target", "kind", "start", "duration"}, {}},
    {{"office", "ports"}, {}},
    {{"node", "load", "load_cap"}, {}},
    {{"offering", "technology", "speed_kbps"}, {"max_loop_m"}},
    {{"line", "technology", "market"}, {"loop_length_m", "office", "passes_home", "two_way", "node"}},
    {{"prefix", "count", "technology", "market"}, {"office", "loop_min_m", "loop_max_m", "node"}},
    {{"host", "zone", "speed", "bandwidth", "latency"}, {"provider"}},
    {{"plan", "offering", "model"},
     {"price", "connect_fee", "rate", "rate_unit", "rate_increment", "group_interval_start", "rates_id", "rounding",
      "rounding_decimals", "tiers", "allowance", "overage_price", "peak_price", "offpeak_price", "peak_start",
      "peak_end", "minimum"}},
    {{"offering", "party", "kind", "value", "residual"}, {"rounding"}},
    {{"time", "subscriber", "offering", "quantity"}, {"id", "sent", "duration", "refund_of"}},
    {{"a"}, {"b", "c"}},
};

const Columns& columns_for(std::string_view text) {
  const std::string_view first_line = text.substr(0, text.find('\n'));
  for (const Columns& table : kTables) {
    bool all = true;
    for (const auto& name : table.required) all = all && first_line.find(name) != std::string_view::npos;
    if (all) return table;
  }
  return kTables.back();
}

template <class Convert>
void convert(Convert c) {
  try {
    c();
  } catch (const InputError&) {
  }
}

// Converting the first rows is enough: later rows take the same paths, and
// each failed conversion throws (slow under the sanitizers).
constexpr std::size_t kRowsConverted = 8;

void convert_every_cell(const CsvTable& table, const Columns& columns) {
  std::vector<std::string> names = columns.required;
  names.insert(names.end(), columns.optional.begin(), columns.optional.end());
  for (std::size_t row = 0; row < table.size() && row < kRowsConverted; ++row)
    for (const auto& name : names) {
      const auto field = table.field(row, name);
      convert([&] { field.as_id(); });
      convert([&] { field.as_int(); });
      convert([&] { field.as_int(0, 1000); });
      convert([&] { field.as_double(-1e300, 1e300); });
      convert([&] { field.as_probability(); });
      convert([&] { field.as_bool(); });
      convert([&] { field.as_money(true); });
      convert([&] { field.as_duration(); });
      convert([&] { field.as_choice({"a", "b"}); });
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Columns& columns = columns_for(text);
  try {
    const CsvTable table = CsvTable::parse("fuzz.csv", text, columns.required, columns.optional);
    convert([&] { table.require_rows(); });
    convert_every_cell(table, columns);
  } catch (const InputError&) {
  }
  return 0;
}
