#include "sim/scenario/platform_tables.hpp"

#include <map>
#include <set>
#include <stdexcept>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/units.hpp"

namespace provsim::sim {
namespace {

constexpr double kMaxSpeed = 1e18;      // flop/s
constexpr double kMaxBandwidth = 1e15;  // bytes/s

// Splits "12.5Gf" into 12.5 and "Gf".
std::pair<double, std::string> split_unit(const std::string& text) {
  const auto at = text.find_first_not_of("0123456789.");
  if (at == 0 || text.empty()) throw std::invalid_argument("no number in '" + text + "'");
  return {parse_number(text.substr(0, at)), at == std::string::npos ? "" : text.substr(at)};
}

double prefix_scale(char c) {
  switch (c) {
    case 'k': return 1e3;
    case 'M': return 1e6;
    case 'G': return 1e9;
    case 'T': return 1e12;
    default: return -1;
  }
}

}  // namespace

double parse_speed(const std::string& text) {
  const std::string message = "expected a speed like 500Mf or 2Gf (flop/s), got '" + text + "'";
  std::pair<double, std::string> parsed;
  try {
    parsed = split_unit(text);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument(message);
  }
  const auto& [value, unit] = parsed;
  if (unit == "f") return value;
  if (unit.size() == 2 && unit[1] == 'f' && prefix_scale(unit[0]) > 0) return value * prefix_scale(unit[0]);
  throw std::invalid_argument(message);
}

double parse_bandwidth(const std::string& text) {
  std::pair<double, std::string> parsed;
  try {
    parsed = split_unit(text);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("expected a bandwidth like 100Mbps (bits) or 10MBps (bytes), got '" + text + "'");
  }
  const auto& [value, unit] = parsed;
  std::string rest = unit;
  double scale = 1;
  if (rest.size() > 3 && prefix_scale(rest[0]) > 0) {
    scale = prefix_scale(rest[0]);
    rest = rest.substr(1);
  }
  if (rest == "bps") return value * scale / 8;
  if (rest == "Bps") return value * scale;
  throw std::invalid_argument("expected a bandwidth like 100Mbps (bits) or 10MBps (bytes), got '" + text + "'");
}

const HostSpec& PlatformSpec::platform_host() const {
  for (const auto& h : hosts)
    if (h.zone == "platform") return h;
  throw std::logic_error("no platform host");
}

const HostSpec* PlatformSpec::standby_host() const {
  for (const auto& h : hosts)
    if (h.zone == "standby") return &h;
  return nullptr;
}

const HostSpec& PlatformSpec::host_of(ProviderId provider) const {
  for (const auto& h : hosts)
    if (h.provider == provider) return h;
  throw std::logic_error("no host for provider");
}

PlatformSpec load_platform(const ScenarioSource& source, const Catalog& catalog) {
  const CsvTable t = CsvTable::read(source, "hosts.csv", {"host", "zone", "speed", "bandwidth", "latency"}, {"provider"});
  t.require_rows();
  PlatformSpec spec;
  std::set<std::string> names;
  std::map<std::uint16_t, unsigned> provider_line;
  for (std::size_t r = 0; r < t.size(); ++r) {
    HostSpec h;
    h.name = t.field(r, "host").as_id();
    if (!names.insert(h.name).second) t.field(r, "host").fail("duplicate host '" + h.name + "'");
    h.zone = t.field(r, "zone").as_choice({"np", "isp", "bsp", "platform", "standby"});
    const Field provider = t.field(r, "provider");
    if (h.zone == "platform" || h.zone == "standby") {
      if (!provider.empty()) provider.fail("the " + h.zone + " host runs no provider's systems: leave it empty");
      if (h.zone == "standby" && spec.standby_host())
        t.field(r, "zone").fail("a second standby host (one at most: '" + spec.standby_host()->name + "')");
    } else {
      const auto id = catalog.find_provider(provider.as_id());
      if (!id) provider.fail("unknown provider '" + provider.text() + "'");
      if (to_string(catalog.provider(*id).kind) != h.zone)
        provider.fail("provider '" + provider.text() + "' is of kind " + std::string(to_string(catalog.provider(*id).kind)) +
                      ", not " + h.zone);
      if (provider_line.count(id->value()))
        provider.fail("provider '" + provider.text() + "' already has a host (line " +
                      std::to_string(provider_line[id->value()]) + ")");
      provider_line[id->value()] = t.line(r);
      h.provider = *id;
    }
    try {
      h.speed_flops = parse_speed(t.field(r, "speed").text());
    } catch (const std::invalid_argument& e) {
      t.field(r, "speed").fail(e.what());
    }
    try {
      h.bandwidth_bytes = parse_bandwidth(t.field(r, "bandwidth").text());
    } catch (const std::invalid_argument& e) {
      t.field(r, "bandwidth").fail(e.what());
    }
    // Finite and within what SimGrid computes with: a speed of 1e308 flop/s
    // or an infinite bandwidth would make every transfer take no time or NaN.
    if (!(h.speed_flops >= 1 && h.speed_flops <= kMaxSpeed))
      t.field(r, "speed").fail("must be between 1f and 1000000Tf (1e18 flop/s), got " + t.field(r, "speed").text());
    if (!(h.bandwidth_bytes >= 1 && h.bandwidth_bytes <= kMaxBandwidth))
      t.field(r, "bandwidth").fail("must be between 1Bps and 1000TBps (1e15 bytes/s), got " + t.field(r, "bandwidth").text());
    h.latency_s = t.field(r, "latency").as_duration();
    spec.hosts.push_back(h);
  }
  int platform_hosts = 0;
  for (const auto& h : spec.hosts) platform_hosts += h.zone == "platform";
  if (platform_hosts != 1)
    throw InputError(t.file(), 0, "zone", "exactly one host of zone platform is required, found " + std::to_string(platform_hosts));
  for (const auto& p : catalog.providers())
    if (!provider_line.count(p.id.value()))
      throw InputError(t.file(), 0, "provider", "provider '" + p.code + "' has no host");
  return spec;
}

}  // namespace provsim::sim
