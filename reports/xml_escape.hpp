#pragma once
// Text made safe for XML and HTML: markup characters become entities, and
// control characters that XML 1.0 forbids, bytes that are not well-formed
// UTF-8 (a file name on Linux may be any bytes) and U+FFFE/U+FFFF become
// U+FFFD (a JUnit reader rejects the whole file over one stray byte
// otherwise).

#include <string>
#include <string_view>

namespace provsim::reports {

// For element content and attribute values alike (quotes and newlines in
// attributes are escaped too, so they survive attribute normalisation).
std::string xml_escape(std::string_view text);

}  // namespace provsim::reports
