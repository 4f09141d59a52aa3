#include "model/address/ip_prefix.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace provsim {
namespace {

[[noreturn]] void bad(std::string_view text, const std::string& why) {
  throw std::invalid_argument("'" + std::string(text) + "' is not a valid IP address: " + why);
}

uint128 parse_v4(std::string_view text) {
  std::uint32_t value = 0;
  std::size_t pos = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (pos >= text.size() || text[pos] != '.') bad(text, "expected four dot-separated numbers");
      ++pos;
    }
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start || pos - start > 3) bad(text, "each part must be a number from 0 to 255");
    if (pos - start > 1 && text[start] == '0') bad(text, "leading zeros are ambiguous");
    unsigned part = 0;
    std::from_chars(text.data() + start, text.data() + pos, part);
    if (part > 255) bad(text, "each part must be a number from 0 to 255");
    value = (value << 8) | part;
  }
  if (pos != text.size()) bad(text, "unexpected characters after the fourth number");
  return value;
}

uint128 parse_v6(std::string_view text) {
  std::array<std::uint16_t, 8> groups{};
  int count = 0;
  int gap = -1;  // index in groups where "::" stands
  std::size_t pos = 0;
  if (text.substr(0, 2) == "::") {
    gap = 0;
    pos = 2;
  }
  while (pos < text.size()) {
    const std::size_t start = pos;
    while (pos < text.size() && std::isxdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start || pos - start > 4) bad(text, "each group must be 1 to 4 hex digits");
    if (count == 8) bad(text, "more than 8 groups");
    unsigned group = 0;
    std::from_chars(text.data() + start, text.data() + pos, group, 16);
    groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(group);
    if (pos == text.size()) break;
    if (text[pos] != ':') bad(text, "unexpected character '" + std::string(1, text[pos]) + "'");
    ++pos;
    if (pos < text.size() && text[pos] == ':') {
      if (gap >= 0) bad(text, "'::' may appear only once");
      gap = count;
      ++pos;
    } else if (pos == text.size()) {
      bad(text, "ends with a single ':'");
    }
  }
  if (gap < 0 && count != 8) bad(text, "expected 8 groups or '::'");
  if (gap >= 0 && count == 8) bad(text, "'::' must stand for at least one group");
  uint128 value = 0;
  const int zeros = gap < 0 ? 0 : 8 - count;
  for (int i = 0, g = 0; i < 8; ++i) {
    std::uint16_t group = 0;
    if (gap >= 0 && i >= gap && i < gap + zeros) group = 0;
    else group = groups[static_cast<std::size_t>(g++)];
    value = (value << 16) | group;
  }
  return value;
}

uint128 host_mask(unsigned host_bits) {
  if (host_bits == 0) return 0;
  if (host_bits >= 128) return ~uint128{0};
  return (uint128{1} << host_bits) - 1;
}

}  // namespace

IpAddress parse_ip_address(std::string_view text) {
  if (text.empty()) bad(text, "empty");
  if (text.find(':') != std::string_view::npos) return IpAddress{IpFamily::kV6, parse_v6(text)};
  return IpAddress{IpFamily::kV4, parse_v4(text)};
}

std::string to_string(const IpAddress& address) {
  if (address.family == IpFamily::kV4) {
    const auto v = static_cast<std::uint32_t>(address.value);
    return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 255) + "." + std::to_string((v >> 8) & 255) +
           "." + std::to_string(v & 255);
  }
  std::array<unsigned, 8> g{};
  for (int i = 0; i < 8; ++i) g[static_cast<std::size_t>(i)] = static_cast<unsigned>((address.value >> (16 * (7 - i))) & 0xFFFF);
  // RFC 5952: compress the longest run of two or more zero groups (the first
  // one on a tie).
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && g[static_cast<std::size_t>(j)] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  std::string out;
  char buf[8];
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, g[static_cast<std::size_t>(i)], 16);
    out.append(buf, end);
  }
  return out;
}

IpPrefix::IpPrefix(IpAddress base, unsigned length) : base_(base), length_(length) {
  if (length > bits()) throw std::invalid_argument("prefix length " + std::to_string(length) + " is out of range");
  if ((base.value & host_mask(host_bits())) != 0)
    throw std::invalid_argument("host bits of " + provsim::to_string(base) + "/" + std::to_string(length) +
                                " are not zero");
}

IpPrefix IpPrefix::parse(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos)
    throw std::invalid_argument("'" + std::string(text) + "' is not a CIDR block: expected address/length");
  const IpAddress base = parse_ip_address(text.substr(0, slash));
  const std::string_view len_text = text.substr(slash + 1);
  unsigned length = 0;
  auto [ptr, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), length);
  if (len_text.empty() || ec != std::errc() || ptr != len_text.data() + len_text.size())
    throw std::invalid_argument("'" + std::string(text) + "': prefix length must be a number");
  const unsigned max = base.family == IpFamily::kV4 ? 32 : 128;
  if (length > max)
    throw std::invalid_argument("'" + std::string(text) + "': prefix length must be at most " + std::to_string(max));
  if ((base.value & host_mask(max - length)) != 0)
    throw std::invalid_argument("'" + std::string(text) + "': host bits are not zero");
  return IpPrefix(base, length);
}

std::uint64_t IpPrefix::size() const {
  if (host_bits() >= 64) return UINT64_MAX;
  return std::uint64_t{1} << host_bits();
}

uint128 IpPrefix::last() const { return base_.value | host_mask(host_bits()); }

bool IpPrefix::contains(const IpAddress& address) const {
  return address.family == family() && address.value >= first() && address.value <= last();
}

bool IpPrefix::overlaps(const IpPrefix& other) const {
  return family() == other.family() && first() <= other.last() && other.first() <= last();
}

IpAddress IpPrefix::at(std::uint64_t offset) const { return IpAddress{family(), base_.value + offset}; }

std::string IpPrefix::to_string() const { return provsim::to_string(base_) + "/" + std::to_string(length_); }

UsableRange usable_range(const IpPrefix& prefix, std::uint64_t v6_slice) {
  if (prefix.family() == IpFamily::kV4) {
    if (prefix.length() == 32) return {0, 1};
    if (prefix.length() == 31) return {0, 2};
    return {1, prefix.size() - 2};
  }
  if (prefix.length() == 128) return {0, 1};
  if (prefix.length() == 127) return {0, 2};  // RFC 6164 point-to-point
  const std::uint64_t available = prefix.size() - 1;  // saturated for /64 and wider
  return {1, available < v6_slice ? available : v6_slice};
}

}  // namespace provsim
