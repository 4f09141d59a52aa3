#pragma once
// scenario.ini: sections of `key = value`, parsed with Boost.Program_options'
// config-file parser. Every key is declared in a ConfigSchema with its type,
// default and help text; an undeclared key is an error. Values are checked
// against their type when loaded, so a bad value is reported before anything
// runs, with the file and line it came from. `--set section.key=value`
// overrides go through the same checks.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/money/money.hpp"

namespace provsim::sim {

enum class KeyType { kInt, kNumber, kProbability, kDuration, kRate, kBool, kText, kChoice, kMoney, kSeed };

struct KeySpec {
  std::string name;          // "section.key"
  KeyType type;
  std::string default_text;  // as it would be written in the file
  std::string help;
  double min = 0;            // for kInt, kNumber, kDuration, kRate: inclusive bounds
  double max = 1e300;
  std::vector<std::string> choices;  // for kChoice
};

class ConfigSchema {
 public:
  ConfigSchema& add(KeySpec spec);
  // Short forms for the common cases.
  ConfigSchema& integer(std::string name, std::int64_t def, std::string help, double min = 0, double max = 1e18);
  ConfigSchema& number(std::string name, double def, std::string help, double min = 0, double max = 1e300);
  ConfigSchema& probability(std::string name, double def, std::string help);
  ConfigSchema& duration(std::string name, std::string def, std::string help, double min = 0);
  ConfigSchema& rate(std::string name, std::string def, std::string help);
  ConfigSchema& flag(std::string name, bool def, std::string help);
  ConfigSchema& text(std::string name, std::string def, std::string help);
  ConfigSchema& choice(std::string name, std::string def, std::vector<std::string> choices, std::string help);
  ConfigSchema& money(std::string name, std::string def, std::string help);
  // A full 64-bit unsigned integer (0 to 2^64-1), read as digits, never through a double.
  ConfigSchema& seed(std::string name, std::uint64_t def, std::string help);

  const KeySpec* find(const std::string& name) const;
  const std::vector<KeySpec>& keys() const { return keys_; }

  // Every key with its type, default and help, grouped by section.
  std::string describe() const;

 private:
  std::vector<KeySpec> keys_;
  std::map<std::string, std::size_t> index_;
};

// Checks one key and its value as an override would be checked (a sweep
// file's [set] and [grid] entries are checked this way where they are
// written); throws std::invalid_argument saying what is wrong.
void check_override(const ConfigSchema& schema, const std::string& name, const std::string& value);

// One conformance assertion from the [expect] section.
struct Expectation {
  std::string metric;  // a summary metric key, e.g. orders.completed
  std::string op;      // one of == != < <= > >=
  std::string value;   // number, true/false, or text
  unsigned line = 0;   // where it was written
  std::string text() const { return metric + " " + op + " " + value; }
};

class Config {
 public:
  // Loads `file` against `schema`, then applies `overrides`
  // ("section.key=value"). Throws InputError on the first problem.
  static Config load(const std::filesystem::path& file, const ConfigSchema& schema,
                     const std::vector<std::string>& overrides);
  // The same from memory: `text` as the content of a file named `file`.
  static Config parse(std::string_view text, const std::string& file, const ConfigSchema& schema,
                      const std::vector<std::string>& overrides);

  // This configuration with more overrides applied after its own (the
  // same as loading with all of them).
  Config with(const std::vector<std::string>& overrides) const;

  std::int64_t integer(const std::string& key) const;
  double number(const std::string& key) const;    // kNumber, kProbability
  double seconds(const std::string& key) const;   // kDuration
  double per_second(const std::string& key) const;  // kRate
  bool flag(const std::string& key) const;
  const std::string& text(const std::string& key) const;  // kText, kChoice
  Money money(const std::string& key) const;
  std::uint64_t seed(const std::string& key) const;  // kSeed

  // Where a key's value came from: "scenario.ini:12", "--set" or "default".
  std::string origin(const std::string& key) const;
  // Throws an InputError pointing at `key`'s origin (for cross-key checks).
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;
  // Notes a setting that is allowed but probably not meant, in fail's form
  // ("scenario.ini:12: key: what"): the run goes on, and validate, run and
  // check print it on stderr. Each text once.
  void warn(const std::string& key, const std::string& what) const;
  const std::vector<std::string>& warnings() const { return warnings_; }

  const std::vector<Expectation>& expectations() const { return expectations_; }
  const std::string& file() const { return file_; }  // the scenario.ini it was loaded from
  // Every key and its effective value, sorted; feeds the scenario hash.
  std::string canonical() const;

 private:
  struct Value {
    std::string text;
    std::string file;
    unsigned line = 0;  // 0 for defaults and overrides
  };
  const Value& get(const std::string& key, KeyType expected) const;
  void apply(const std::vector<std::string>& overrides);

  const ConfigSchema* schema_ = nullptr;
  std::map<std::string, Value> values_;
  std::vector<Expectation> expectations_;
  std::string file_;
  mutable std::vector<std::string> warnings_;  // warn() is called by the const cross-key checks
};

}  // namespace provsim::sim
