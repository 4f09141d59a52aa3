// Fuzzes the text forms of numbers in scenario files: durations, rates and
// plain numbers (sim/scenario/units) and exact amounts, quantities and
// percentages (model/money). Each parser either returns a value or throws
// std::invalid_argument; a returned value must be finite, and an exact
// amount must read back to itself from its own text form.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "model/money/money.hpp"
#include "model/money/percentage.hpp"
#include "model/money/quantity.hpp"
#include "sim/scenario/units.hpp"

namespace {

using namespace provsim;

[[noreturn]] void finding(const char* what, std::string_view text) {
  std::fprintf(stderr, "units_fuzz: %s for input '%.*s'\n", what, static_cast<int>(text.size()), text.data());
  std::abort();
}

template <class Parse>
void expect_finite(Parse parse, const char* name, std::string_view text) {
  try {
    if (!std::isfinite(parse(text))) finding(name, text);
  } catch (const std::invalid_argument&) {
  }
}

template <class Exact>
void expect_round_trip(std::string_view text) {
  try {
    const Exact value = Exact::parse(text);
    if (Exact::parse(value.to_string()) != value) finding("an exact value does not read back", text);
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  expect_finite(sim::parse_number, "parse_number returned a non-finite number", text);
  expect_finite(sim::parse_duration, "parse_duration returned a non-finite duration", text);
  expect_finite(sim::parse_rate, "parse_rate returned a non-finite rate", text);
  expect_round_trip<Money>(text);
  expect_round_trip<Quantity>(text);
  try {
    const Percentage p = Percentage::parse_percent(text);
    if (Percentage::parse_percent(p.to_string()) != p) finding("a percentage does not read back", text);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
