#include "reports/decimal_compare.hpp"

#include <algorithm>
#include <string>

namespace provsim::reports {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A decimal split into sign and canonical digits: no leading zeros in the
// integer part, no trailing zeros in the fraction, and zero never negative.
struct Decimal {
  bool negative = false;
  std::string whole;
  std::string fraction;
};

Decimal canonical(std::string_view t) {
  Decimal d;
  if (!t.empty() && (t.front() == '-' || t.front() == '+')) {
    d.negative = t.front() == '-';
    t.remove_prefix(1);
  }
  auto dot = t.find('.');
  std::string_view whole = t.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  d.whole = std::string(whole);
  d.fraction = std::string(fraction);
  if (d.whole.empty() && d.fraction.empty()) d.negative = false;
  return d;
}

int compare_magnitude(const Decimal& a, const Decimal& b) {
  if (a.whole.size() != b.whole.size()) return a.whole.size() < b.whole.size() ? -1 : 1;
  if (int c = a.whole.compare(b.whole); c != 0) return c < 0 ? -1 : 1;
  // Equal-length digit strings compare like numbers; pad the shorter fraction.
  std::size_t n = std::max(a.fraction.size(), b.fraction.size());
  std::string fa = a.fraction + std::string(n - a.fraction.size(), '0');
  std::string fb = b.fraction + std::string(n - b.fraction.size(), '0');
  if (int c = fa.compare(fb); c != 0) return c < 0 ? -1 : 1;
  return 0;
}

}  // namespace

bool is_decimal(std::string_view t) {
  if (!t.empty() && (t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
  bool digits = false;
  bool dot = false;
  for (char c : t) {
    if (is_digit(c)) {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits && (t.back() != '.');
}

std::optional<int> compare_decimal(std::string_view a, std::string_view b) {
  if (!is_decimal(a) || !is_decimal(b)) return std::nullopt;
  Decimal da = canonical(a);
  Decimal db = canonical(b);
  if (da.negative != db.negative) return da.negative ? -1 : 1;
  int c = compare_magnitude(da, db);
  return da.negative ? -c : c;
}

}  // namespace provsim::reports
