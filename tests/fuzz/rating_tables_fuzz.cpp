// Fuzzes the rating tables reader (sim/scenario/rating_tables): a CGRateS
// Rates.csv and the rating rules, shares and scripted events that refer to
// it. The reader only reads a scenario folder, so each input is written into
// a scratch folder holding the rating_events fixture, read against the catalog
// that fixture is written for. The input is Rates.csv; a line "%%" followed
// by a file name (e.g. "%%rating_rules.csv") starts that file's replacement.
// InputError is the documented error; anything else is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_source.hpp"
#include "sim/scenario/rating_tables.hpp"
#include "tests/scenario/rating_fixture_catalog.hpp"

namespace {

namespace fs = std::filesystem;
using namespace provsim;

const char* const kFiles[] = {"Rates.csv", "rating_rules.csv", "revenue_shares.csv", "events.csv"};

fs::path& scratch() {
  static fs::path dir = fs::temp_directory_path() / ("provsim_rating_fuzz_" + std::to_string(::getpid()));
  return dir;
}

void remove_scratch() { fs::remove_all(scratch()); }

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes each file of the scratch folder, only where it changed since the
// last input (most inputs change one file; fewer writes, more inputs a second).
void write_folder(const std::map<std::string, std::string>& files) {
  static std::map<std::string, std::string> on_disk;
  for (const auto& [name, text] : files) {
    const auto it = on_disk.find(name);
    if (it != on_disk.end() && it->second == text) continue;
    std::ofstream(scratch() / name, std::ios::binary | std::ios::trunc)
        .write(text.data(), static_cast<std::streamsize>(text.size()));
    on_disk[name] = text;
  }
}

// The fixture's files with the input's parts written over them.
std::map<std::string, std::string> files_for(std::string_view text) {
  static const std::map<std::string, std::string> fixture = [] {
    const fs::path good = fs::path(PROVSIM_SOURCE_DIR) / "scenarios/_fixtures/rating_events/good";
    std::map<std::string, std::string> files;
    for (const char* f : kFiles) files[f] = read(good / f);
    return files;
  }();
  std::map<std::string, std::string> files = fixture;
  std::string name = "Rates.csv";
  while (true) {
    const auto marker = text.find("\n%%");
    files[name] = text.substr(0, marker == std::string_view::npos ? text.size() : marker + 1);
    if (marker == std::string_view::npos) return files;
    text.remove_prefix(marker + 3);
    const auto end = text.find('\n');
    const std::string_view next = text.substr(0, end);
    name = "Rates.csv";
    for (const char* f : kFiles)
      if (next == f) name = f;
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fs::create_directories(scratch());
  std::atexit(remove_scratch);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Catalog catalog = sim::rating_fixture_catalog();
  write_folder(files_for(std::string_view(reinterpret_cast<const char*>(data), size)));
  try {
    sim::load_rating_tables(sim::FolderSource(scratch()), catalog);
  } catch (const sim::InputError&) {
  }
  return 0;
}
