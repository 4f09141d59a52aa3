// Fuzzes the sweep file reader (sweep/ini_file, sweep/sweep_spec,
// sweep/value_list): the bytes are read as a sweep file lying in
// scenarios/sweeps/, so "scenario = ../baseline" names a real folder.
// SweepError is the documented error; anything else is a finding.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "sweep/sweep_error.hpp"
#include "sweep/sweep_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file = std::filesystem::path(PROVSIM_SOURCE_DIR) / "scenarios/sweeps/fuzz.ini";
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    provsim::sweep::parse_sweep(text, file);
  } catch (const provsim::sweep::SweepError&) {
  }
  return 0;
}
