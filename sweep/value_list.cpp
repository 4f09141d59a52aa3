#include "sweep/value_list.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "model/core/int128.hpp"
#include "model/core/trim.hpp"

namespace provsim::sweep {

namespace {

}  // namespace

std::optional<Decimal> parse_decimal(const std::string& s) {
  Decimal d;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.negative = s[i++] == '-';
  bool point = false;
  for (; i < s.size(); ++i) {
    if (s[i] == '.' && !point) {
      point = true;
    } else if (s[i] >= '0' && s[i] <= '9') {
      d.digits += s[i];
      if (point) ++d.decimals;
    } else {
      return std::nullopt;
    }
  }
  if (d.digits.empty() || d.digits.size() > 17) return std::nullopt;
  return d;
}

int128 scaled(const Decimal& d, int decimals) {
  int128 v = 0;
  for (char c : d.digits) v = v * 10 + (c - '0');
  for (int i = d.decimals; i < decimals; ++i) v *= 10;
  return d.negative ? -v : v;
}

std::string unscaled_text(int128 v, int decimals, int min_decimals) {
  const bool negative = v < 0;
  if (negative) v = -v;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v > 0);
  if (static_cast<int>(digits.size()) <= decimals) digits.insert(0, static_cast<std::size_t>(decimals + 1) - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(decimals));
  std::string frac = digits.substr(digits.size() - static_cast<std::size_t>(decimals));
  while (static_cast<int>(frac.size()) > min_decimals && !frac.empty() && frac.back() == '0') frac.pop_back();
  std::string out = (negative ? "-" : "") + whole;
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::optional<std::vector<std::string>> expand_range(const std::string& item) {
  const auto first = item.find(':');
  const auto second = first == std::string::npos ? first : item.find(':', first + 1);
  if (second == std::string::npos || item.find(':', second + 1) != std::string::npos) return std::nullopt;
  const auto start = parse_decimal(std::string(trim(item.substr(0, first))));
  const auto stop = parse_decimal(std::string(trim(item.substr(first + 1, second - first - 1))));
  const auto step = parse_decimal(std::string(trim(item.substr(second + 1))));
  if (!start || !stop || !step) return std::nullopt;
  const int decimals = std::max({start->decimals, stop->decimals, step->decimals});
  const int128 a = scaled(*start, decimals), b = scaled(*stop, decimals), s = scaled(*step, decimals);
  if (s == 0) throw std::invalid_argument("range '" + item + "': the step is zero");
  // Signs compared, not multiplied: (b - a) * s overflows for long ranges.
  if ((b > a && s < 0) || (b < a && s > 0))
    throw std::invalid_argument("range '" + item + "': the step goes away from the stop");
  const int128 count = (b - a) / s + 1;
  if (count > static_cast<int128>(kMaxAxisValues))
    throw std::invalid_argument("range '" + item + "': more than " + std::to_string(kMaxAxisValues) + " values");
  std::vector<std::string> values;
  for (int128 i = 0; i < count; ++i) values.push_back(unscaled_text(a + i * s, decimals, start->decimals));
  return values;
}

std::vector<std::string> expand_values(const std::string& text) {
  std::vector<std::string> values;
  std::size_t from = 0;
  while (true) {
    const auto comma = text.find(',', from);
    const std::string item = std::string(trim(text.substr(from, comma == std::string::npos ? std::string::npos : comma - from)));
    if (item.empty()) throw std::invalid_argument("an empty value in '" + text + "'");
    if (auto range = expand_range(item)) values.insert(values.end(), range->begin(), range->end());
    else values.push_back(item);
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  if (values.size() > kMaxAxisValues)
    throw std::invalid_argument("more than " + std::to_string(kMaxAxisValues) + " values");
  std::set<std::string> seen;
  for (const auto& v : values)
    if (!seen.insert(v).second) throw std::invalid_argument("the value '" + v + "' appears twice");
  return values;
}

}  // namespace provsim::sweep
