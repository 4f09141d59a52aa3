#include "sim/scenario/config.hpp"

#include <algorithm>

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/options_description.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "model/core/trim.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/units.hpp"

namespace po = boost::program_options;

namespace provsim::sim {
namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// One pass over the file before Boost sees it. Boost's parser does not
// report line numbers, so this finds, for every "section.name" (as Boost will
// name it), the line it is on. The [expect] section holds comparisons, not
// assignments ("x > 0" has no '='), so its lines are taken out here and
// blanked in the text handed to Boost (which keeps the line numbers).
// Section headers reach Boost as "[name]" whatever spaces the user put
// inside the brackets, so both name the keys alike. A key written twice is
// reported at its second line.
struct Scan {
  std::map<std::string, unsigned> lines;
  std::vector<std::pair<std::string, unsigned>> expectations;  // text, line
  std::string for_boost;
  unsigned bad_line = 0;
  std::string duplicate;  // the first key written twice, its line, and the line of its first value
  unsigned duplicate_line = 0;
  unsigned first_line = 0;
};

Scan scan_file(std::istream& in) {
  Scan scan;
  std::string raw;
  std::string section;
  unsigned number = 0;
  while (std::getline(in, raw)) {
    ++number;
    std::string line = std::string(trim(raw.substr(0, raw.find('#')), " \t\r"));
    if (!line.empty() && line.front() == '[' && line.back() == ']') {
      const std::string name = std::string(trim(line.substr(1, line.size() - 2), " \t\r"));
      if (name.empty() || name.find_first_of(" \t[]") != std::string::npos) {
        if (!scan.bad_line) scan.bad_line = number;
        scan.for_boost += "\n";
        continue;
      }
      section = name + ".";
      scan.for_boost += (section == "expect." ? "" : "[" + name + "]") + "\n";
      continue;
    }
    if (section == "expect.") {
      if (!line.empty()) scan.expectations.emplace_back(line, number);
      scan.for_boost += "\n";
      continue;
    }
    scan.for_boost += raw + "\n";
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      if (!scan.bad_line) scan.bad_line = number;
      continue;
    }
    const std::string key = section + std::string(trim(line.substr(0, eq), " \t\r"));
    if (const auto [at, fresh] = scan.lines.emplace(key, number); !fresh && scan.duplicate.empty()) {
      scan.duplicate = key;
      scan.duplicate_line = number;
      scan.first_line = at->second;
    }
  }
  return scan;
}

// Checks `text` against `spec`, throwing std::invalid_argument with a
// user-facing reason.
void check_value(const KeySpec& spec, const std::string& text) {
  auto in_range = [&](double v, const std::string& shown) {
    if (v < spec.min || v > spec.max)
      throw std::invalid_argument("must be between " + format_number(spec.min) + " and " + format_number(spec.max) +
                                  ", got " + shown);
  };
  switch (spec.type) {
    case KeyType::kInt: {
      in_range(static_cast<double>(parse_integer(text)), text);
      break;
    }
    case KeyType::kSeed:
      parse_unsigned64(text);
      break;
    case KeyType::kNumber:
      in_range(parse_number(text), text);
      break;
    case KeyType::kProbability: {
      const double v = parse_number(text);
      if (v < 0 || v > 1) throw std::invalid_argument("must be a probability between 0 and 1, got " + text);
      break;
    }
    case KeyType::kDuration: {
      const double v = parse_duration(text);
      if (v < 0) throw std::invalid_argument("must not be negative, got " + text);
      if (v > kMaxDurationSeconds) throw std::invalid_argument("must be at most 100 years (36500d), got " + text);
      in_range(v, text);
      break;
    }
    case KeyType::kRate: {
      const double v = parse_rate(text);
      if (v < 0) throw std::invalid_argument("must not be negative, got " + text);
      if (v > kMaxRatePerSecond) throw std::invalid_argument("must be at most 1000/s, got " + text);
      break;
    }
    case KeyType::kBool:
      if (text != "true" && text != "false") throw std::invalid_argument("expected true or false, got '" + text + "'");
      break;
    case KeyType::kText:
      break;
    case KeyType::kChoice: {
      for (const auto& c : spec.choices)
        if (c == text) return;
      std::string list;
      for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
      throw std::invalid_argument("'" + text + "' is not one of: " + list);
    }
    case KeyType::kMoney:
      if (Money::parse(text).is_negative()) throw std::invalid_argument("must not be negative, got " + text);
      break;
  }
}

// An [expect] line: "metric OP value", OP one of == != <= >= < >.
Expectation parse_expectation(const std::string& whole, const std::string& file, unsigned line) {
  static const char* const kOps[] = {"==", "!=", "<=", ">=", "<", ">"};
  for (const char* op : kOps) {
    const auto at = whole.find(op);
    if (at == std::string::npos) continue;
    Expectation e{std::string(trim(whole.substr(0, at), " \t\r")), op, std::string(trim(whole.substr(at + std::string(op).size()), " \t\r")), line};
    if (e.metric.empty() || e.value.empty()) break;
    if (e.metric.find_first_of(" <>=!") != std::string::npos) break;
    return e;
  }
  throw InputError(file, line, "expect", "expected 'metric OP value' with OP one of == != < <= > >=, got '" + whole + "'");
}

}  // namespace

void check_override(const ConfigSchema& schema, const std::string& name, const std::string& value) {
  const KeySpec* spec = schema.find(name);
  if (!spec) throw std::invalid_argument("unknown key (see 'provsim validate --keys' for the list)");
  check_value(*spec, value);
}

ConfigSchema& ConfigSchema::add(KeySpec spec) {
  if (index_.count(spec.name)) throw std::logic_error("ConfigSchema: key declared twice: " + spec.name);
  check_value(spec, spec.default_text);  // a bad default is a programming error
  index_[spec.name] = keys_.size();
  keys_.push_back(std::move(spec));
  return *this;
}

ConfigSchema& ConfigSchema::integer(std::string name, std::int64_t def, std::string help, double min, double max) {
  return add({std::move(name), KeyType::kInt, std::to_string(def), std::move(help), min, max, {}});
}
ConfigSchema& ConfigSchema::number(std::string name, double def, std::string help, double min, double max) {
  return add({std::move(name), KeyType::kNumber, format_number(def), std::move(help), min, max, {}});
}
ConfigSchema& ConfigSchema::probability(std::string name, double def, std::string help) {
  return add({std::move(name), KeyType::kProbability, format_number(def), std::move(help), 0, 1, {}});
}
ConfigSchema& ConfigSchema::duration(std::string name, std::string def, std::string help, double min) {
  return add({std::move(name), KeyType::kDuration, std::move(def), std::move(help), min, 1e300, {}});
}
ConfigSchema& ConfigSchema::rate(std::string name, std::string def, std::string help) {
  return add({std::move(name), KeyType::kRate, std::move(def), std::move(help), 0, 1e300, {}});
}
ConfigSchema& ConfigSchema::flag(std::string name, bool def, std::string help) {
  return add({std::move(name), KeyType::kBool, def ? "true" : "false", std::move(help), 0, 0, {}});
}
ConfigSchema& ConfigSchema::text(std::string name, std::string def, std::string help) {
  return add({std::move(name), KeyType::kText, std::move(def), std::move(help), 0, 0, {}});
}
ConfigSchema& ConfigSchema::choice(std::string name, std::string def, std::vector<std::string> choices,
                                   std::string help) {
  return add({std::move(name), KeyType::kChoice, std::move(def), std::move(help), 0, 0, std::move(choices)});
}
ConfigSchema& ConfigSchema::money(std::string name, std::string def, std::string help) {
  return add({std::move(name), KeyType::kMoney, std::move(def), std::move(help), 0, 0, {}});
}
ConfigSchema& ConfigSchema::seed(std::string name, std::uint64_t def, std::string help) {
  return add({std::move(name), KeyType::kSeed, std::to_string(def), std::move(help), 0, 0, {}});
}

const KeySpec* ConfigSchema::find(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &keys_[it->second];
}

std::string ConfigSchema::describe() const {
  static const char* const kTypeNames[] = {"integer", "number", "probability", "duration", "rate",
                                           "true|false", "text", "choice", "amount",
                                           "integer 0 to 2^64-1"};
  std::map<std::string, std::vector<const KeySpec*>> sections;
  for (const auto& k : keys_) sections[k.name.substr(0, k.name.find('.'))].push_back(&k);
  std::ostringstream out;
  for (const auto& [section, keys] : sections) {
    out << "[" << section << "]\n";
    for (const KeySpec* k : keys) {
      out << "  " << k->name.substr(k->name.find('.') + 1) << " = " << k->default_text << "   ("
          << kTypeNames[static_cast<int>(k->type)];
      if (k->type == KeyType::kChoice) {
        out << ":";
        for (const auto& c : k->choices) out << " " << c;
      }
      out << ")\n      " << k->help << "\n";
    }
  }
  return out.str();
}

Config Config::load(const std::filesystem::path& file, const ConfigSchema& schema,
                    const std::vector<std::string>& overrides) {
  check_input_file(file);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string(), schema, overrides);
}

Config Config::parse(std::string_view text, const std::string& file_name, const ConfigSchema& schema,
                     const std::vector<std::string>& overrides) {
  Config config;
  config.schema_ = &schema;
  config.file_ = file_name;
  for (const auto& k : schema.keys()) config.values_[k.name] = Value{k.default_text, "", 0};

  std::istringstream file_in{std::string(text)};
  const Scan scan = scan_file(file_in);
  const auto& lines = scan.lines;
  if (scan.bad_line) throw InputError(file_name, scan.bad_line, "", "expected 'key = value' or '[section]'");
  if (!scan.duplicate.empty())
    throw InputError(file_name, scan.duplicate_line, scan.duplicate,
                     "set twice (first on line " + std::to_string(scan.first_line) + ")");
  for (const auto& [expectation, line] : scan.expectations)
    config.expectations_.push_back(parse_expectation(expectation, file_name, line));

  std::istringstream in(scan.for_boost);
  po::parsed_options parsed(nullptr);
  try {
    po::options_description none;
    parsed = po::parse_config_file(in, none, /*allow_unregistered=*/true);
  } catch (const po::error& e) {
    throw InputError(file_name, 0, "", e.what());
  }

  std::map<std::string, unsigned> seen;
  for (const auto& option : parsed.options) {
    const std::string& name = option.string_key;
    const std::string value = option.value.empty() ? "" : std::string(trim(option.value.front(), " \t\r"));
    const auto where = lines.find(name);
    const unsigned line = where == lines.end() ? 0 : where->second;
    const KeySpec* spec = schema.find(name);
    if (!spec) throw InputError(file_name, line, name, "unknown key (see 'provsim validate --keys' for the list)");
    if (seen.count(name)) throw InputError(file_name, line, name, "set twice (first on line " + std::to_string(seen[name]) + ")");
    seen[name] = line;
    try {
      check_value(*spec, value);
    } catch (const std::invalid_argument& e) {
      throw InputError(file_name, line, name, e.what());
    }
    config.values_[name] = Value{value, file_name, line};
  }

  config.apply(overrides);
  return config;
}

Config Config::with(const std::vector<std::string>& overrides) const {
  Config out = *this;
  out.apply(overrides);
  return out;
}

void Config::apply(const std::vector<std::string>& overrides) {
  for (const auto& assignment : overrides) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos)
      throw InputError("--set", 0, assignment, "expected section.key=value");
    const std::string name = std::string(trim(assignment.substr(0, eq), " \t\r"));
    const std::string value = std::string(trim(assignment.substr(eq + 1), " \t\r"));
    const KeySpec* spec = schema_->find(name);
    if (!spec) throw InputError("--set", 0, name, "unknown key (see 'provsim validate --keys' for the list)");
    try {
      check_value(*spec, value);
    } catch (const std::invalid_argument& e) {
      throw InputError("--set", 0, name, e.what());
    }
    values_[name] = Value{value, "--set", 0};
  }
}

const Config::Value& Config::get(const std::string& key, KeyType expected) const {
  const KeySpec* spec = schema_->find(key);
  if (!spec) throw std::logic_error("Config: undeclared key " + key);
  const bool compatible = spec->type == expected ||
                          (expected == KeyType::kNumber && spec->type == KeyType::kProbability) ||
                          (expected == KeyType::kText && spec->type == KeyType::kChoice);
  if (!compatible) throw std::logic_error("Config: key read with the wrong type: " + key);
  return values_.at(key);
}

std::int64_t Config::integer(const std::string& key) const {
  return parse_integer(get(key, KeyType::kInt).text);
}
std::uint64_t Config::seed(const std::string& key) const { return parse_unsigned64(get(key, KeyType::kSeed).text); }
double Config::number(const std::string& key) const { return parse_number(get(key, KeyType::kNumber).text); }
double Config::seconds(const std::string& key) const { return parse_duration(get(key, KeyType::kDuration).text); }
double Config::per_second(const std::string& key) const { return parse_rate(get(key, KeyType::kRate).text); }
bool Config::flag(const std::string& key) const { return get(key, KeyType::kBool).text == "true"; }
const std::string& Config::text(const std::string& key) const { return get(key, KeyType::kText).text; }
Money Config::money(const std::string& key) const { return Money::parse(get(key, KeyType::kMoney).text); }

std::string Config::origin(const std::string& key) const {
  const Value& v = values_.at(key);
  if (v.file.empty()) return "default";
  return v.line ? v.file + ":" + std::to_string(v.line) : v.file;
}

void Config::fail(const std::string& key, const std::string& what) const {
  const Value& v = values_.at(key);
  throw InputError(v.file.empty() ? "scenario.ini" : v.file, v.line, key, what);
}

void Config::warn(const std::string& key, const std::string& what) const {
  const Value& v = values_.at(key);
  std::string line = InputError::format(v.file.empty() ? "scenario.ini" : v.file, v.line, key, what);
  if (std::find(warnings_.begin(), warnings_.end(), line) == warnings_.end()) warnings_.push_back(std::move(line));
}

std::string Config::canonical() const {
  std::string out;
  // Where a system under test runs, and how the results are written: not
  // what is simulated.
  for (const auto& [key, value] : values_)
    if (key.rfind("sut.", 0) != 0 && key.rfind("output.", 0) != 0) out += key + "=" + value.text + "\n";
  for (const auto& e : expectations_) out += "expect:" + e.text() + "\n";
  return out;
}

}  // namespace provsim::sim
