#include "sim/huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

namespace provsim::sim {
namespace {

constexpr std::string_view kTunable = "glibc.malloc.hugetlb";

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

// The kernel's transparent huge page mode: "always", "madvise" or "never"
// (the word in brackets), empty if the file cannot be read.
std::string kernel_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(in, line);
  const auto open = line.find('[');
  const auto close = line.find(']', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return line.substr(open + 1, close - open - 1);
}

std::string_view tunables() {
  const char* t = std::getenv("GLIBC_TUNABLES");
  return t == nullptr ? std::string_view() : std::string_view(t);
}

// The value of glibc.malloc.hugetlb in GLIBC_TUNABLES (a colon-separated
// list of name=value); nullopt when the variable does not set it.
std::optional<std::string_view> hugetlb_setting() {
  std::string_view rest = tunables();
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    const std::string_view item = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    if (item.size() > kTunable.size() && item.substr(0, kTunable.size()) == kTunable && item[kTunable.size()] == '=')
      return item.substr(kTunable.size() + 1);
  }
  return std::nullopt;
}

}  // namespace

void ask_for_huge_pages(char** argv) {
  if (sanitized() || hugetlb_setting()) return;
  if (const char* off = std::getenv("PROVSIM_HUGE_PAGES"); off != nullptr && std::string_view(off) == "0") return;
  if (kernel_mode() != "madvise") return;
  const std::string original(tunables());  // a copy: setenv may replace the memory it points to
  const std::string value = (original.empty() ? "" : original + ":") + std::string(kTunable) + "=1";
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  // By its real path: started as /proc/self/exe it would be named "exe"
  // in ps and top.
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) execv(self.c_str(), argv);
  // Not started again (no /proc, say): go on as we are, with the variable as
  // it was, so heap_on_huge_pages() tells the truth.
  if (original.empty())
    unsetenv("GLIBC_TUNABLES");
  else
    setenv("GLIBC_TUNABLES", original.c_str(), 1);
}

bool heap_on_huge_pages() {
  const auto v = hugetlb_setting();
  return v == "1" || v == "2";
}

}  // namespace provsim::sim
