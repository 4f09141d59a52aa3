#include "reports/results_marker.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace provsim::reports {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFirstLine = "provsim results folder: provsim replaces only folders that hold this file";

std::optional<FolderKind> kind_of(const std::string& name) {
  for (FolderKind k : {FolderKind::run, FolderKind::check, FolderKind::sweep})
    if (name == kind_name(k)) return k;
  return std::nullopt;
}

}  // namespace

const char* kind_name(FolderKind kind) {
  switch (kind) {
    case FolderKind::run: return "run";
    case FolderKind::check: return "check";
    case FolderKind::sweep: return "sweep";
  }
  return "?";
}

std::string marker_text(const Marker& marker) {
  std::string text = std::string(kFirstLine) + "\nformat " + std::to_string(marker.format) + "\nkind " +
                     kind_name(marker.kind) + "\n";
  for (const auto& f : marker.files) text += "file " + f + "\n";
  return text;
}

std::optional<Marker> parse_marker(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != kFirstLine) return std::nullopt;
  Marker m;
  bool has_format = false, has_kind = false;
  while (std::getline(in, line)) {
    const auto space = line.find(' ');
    if (space == std::string::npos) return std::nullopt;
    const std::string key = line.substr(0, space), value = line.substr(space + 1);
    if (key == "format") {
      if (value != std::to_string(kMarkerFormat)) return std::nullopt;  // a newer provsim's folder
      has_format = true;
    } else if (key == "kind") {
      const auto k = kind_of(value);
      if (!k) return std::nullopt;
      m.kind = *k;
      has_kind = true;
    } else if (key == "file") {
      m.files.push_back(value);
    } else {
      return std::nullopt;
    }
  }
  if (!has_format || !has_kind) return std::nullopt;
  return m;
}

std::optional<Marker> read_marker(const fs::path& dir) {
  const fs::path file = dir / kMarkerFile;
  struct stat st {};
  // lstat: a link named like the marker proves nothing about the folder.
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > 1 << 20) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_marker(text.str());
}

void write_marker(const fs::path& dir, FolderKind kind) {
  Marker m;
  m.kind = kind;
  if (kind == FolderKind::run) {
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().filename() != kMarkerFile)
        m.files.push_back(entry.path().filename().string());
    std::sort(m.files.begin(), m.files.end());
  }
  const fs::path file = dir / kMarkerFile;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << marker_text(m);
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace provsim::reports
