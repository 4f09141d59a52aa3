#include "reports/xml_escape.hpp"

namespace provsim::reports {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at text[at] whose code point
// XML 1.0 allows, or 0 (a stray byte, an overlong form, a surrogate, a code
// point beyond U+10FFFF, or U+FFFE/U+FFFF).
std::size_t valid_sequence(std::string_view text, std::size_t at) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = b(0);
  std::size_t length = 0;
  char32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2, cp = lead & 0x1F;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3, cp = lead & 0x0F;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4, cp = lead & 0x07;
  else return 0;
  if (text.size() - at < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < least[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return length;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20) {
          out += kReplacement;
        } else if (u < 0x80) {
          out += c;
        } else if (const std::size_t n = valid_sequence(text, i)) {
          out.append(text.substr(i, n));
          i += n - 1;
        } else {
          out += kReplacement;  // one replacement per stray byte
        }
      }
    }
  }
  return out;
}

}  // namespace provsim::reports
