#pragma once
// The marker file that makes a folder a provsim results folder.
//
// Every folder provsim writes results to holds ".provsim-results": a few
// text lines naming the marker's format, the kind of folder (run, check or
// sweep) and, for a run folder, every file provsim put there:
//
//   provsim results folder: provsim replaces only folders that hold this file
//   format 1
//   kind run
//   file metrics.csv
//   file report.html
//   ...
//
// provsim replaces or writes into an existing folder only if it holds this
// marker; the file list lets it refuse a run folder in which the user has
// since put files of their own.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace provsim::reports {

inline constexpr const char* kMarkerFile = ".provsim-results";
inline constexpr int kMarkerFormat = 1;

enum class FolderKind { run, check, sweep };

const char* kind_name(FolderKind kind);

struct Marker {
  int format = kMarkerFormat;
  FolderKind kind = FolderKind::run;
  std::vector<std::string> files;  // run folders: the files provsim wrote, sorted
};

// The marker text for `marker`.
std::string marker_text(const Marker& marker);

// The marker read from its text; nullopt if it is not one (unknown kind,
// missing lines, or a format this provsim does not know).
std::optional<Marker> parse_marker(const std::string& text);

// DIR/.provsim-results if it is a regular file (not a link) holding a marker.
std::optional<Marker> read_marker(const std::filesystem::path& dir);

// Writes DIR/.provsim-results. For a run folder the file list is every
// regular file now in DIR.
void write_marker(const std::filesystem::path& dir, FolderKind kind);

}  // namespace provsim::reports
