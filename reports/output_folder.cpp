#include "reports/output_folder.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "model/core/printable.hpp"
#include "reports/html_report.hpp"

namespace provsim::reports {

namespace fs = std::filesystem;

namespace {

// Files by which a folder without a marker shows it holds an older
// provsim's run, check or sweep results.
constexpr const char* kOldResultFiles[] = {"summary.json", "report.html", "junit.xml", "sweep.json"};

// The exact first lines of every report.html written before the generator tag.
constexpr const char* kOldReportHead =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>provsim: ";

[[noreturn]] void refuse(const fs::path& path, const std::string& why) {
  throw OutputRefused(printable(path.string()) + ": " + why);
}

// `a` is `b` or one of its parents (both absolute and normal).
bool holds(const fs::path& a, const fs::path& b) {
  auto ai = a.begin(), bi = b.begin();
  for (; ai != a.end(); ++ai, ++bi) {
    if (ai->empty()) continue;  // a trailing separator
    if (bi == b.end() || *ai != *bi) return false;
  }
  return true;
}

std::vector<std::string> entries(const fs::path& dir, std::string& error) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    error = std::strerror(errno);
    return names;
  }
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

bool is_plain_file(const fs::path& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Inspection inspect_folder(const fs::path& dir, FolderKind kind) {
  std::string error;
  const std::vector<std::string> names = entries(dir, error);
  if (!error.empty()) return {Found::unreachable, error};
  if (names.empty()) return {Found::empty_folder, ""};
  if (const auto marker = read_marker(dir)) {
    if (marker->kind != kind) return {Found::other_kind, kind_name(marker->kind)};
    if (kind != FolderKind::run) return {Found::results_folder, ""};
    // A run folder is replaced whole: everything in it must be provsim's.
    for (const auto& name : names) {
      if (name == kMarkerFile) continue;
      const bool listed = std::find(marker->files.begin(), marker->files.end(), name) != marker->files.end();
      if (!listed || !is_plain_file(dir / name)) return {Found::foreign_file, name};
    }
    return {Found::results_folder, ""};
  }
  for (const char* f : kOldResultFiles)
    if (std::binary_search(names.begin(), names.end(), std::string(f))) return {Found::old_results, f};
  return {Found::user_folder, ""};
}

// Removes a run folder that inspect() found to be provsim's: its listed
// files, the marker, then the folder. Anything else in it stays.
void remove_run_folder(const fs::path& dir) {
  if (const auto marker = read_marker(dir))
    for (const auto& f : marker->files)
      if (is_plain_file(dir / f)) ::unlink((dir / f).c_str());
  ::unlink((dir / kMarkerFile).c_str());
  ::rmdir(dir.c_str());
}

mode_t current_umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

bool exchange(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
#else
  (void)a;
  (void)b;
  errno = EINVAL;
  return false;
#endif
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0)
    refuse(to, std::string("cannot move the results into place: ") + std::strerror(errno));
}

}  // namespace

Inspection inspect(const fs::path& path, FolderKind kind) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return {Found::nothing, ""};
    return {Found::unreachable, std::strerror(errno)};
  }
  if (S_ISLNK(st.st_mode)) return {Found::symlink, ""};
  if (S_ISREG(st.st_mode)) return {Found::file, ""};
  if (!S_ISDIR(st.st_mode)) return {Found::not_a_folder, ""};
  return inspect_folder(path, kind);
}

std::string refusal(const fs::path& target, const Inspection& found, const OutputRules& rules) {
  const std::string kind = kind_name(rules.kind);
  if (target == target.root_path()) return "it is the root folder";
  for (const auto& s : rules.scenarios) {
    if (target == s) return "it is the scenario folder";
    if (holds(target, s)) return "it holds the scenario folder " + printable(s.string());
  }
  if (target == rules.cwd) return "it is the working folder";
  if (holds(target, rules.cwd)) return "it holds the working folder " + printable(rules.cwd.string());
  bool in_scenario = false;
  for (const auto& s : rules.scenarios) in_scenario = in_scenario || holds(s, target);
  switch (found.found) {
    case Found::nothing:
    case Found::empty_folder: return "";
    case Found::results_folder:
      return rules.no_clobber ? "it holds earlier provsim results and --no-clobber was given" : "";
    case Found::foreign_file:
      return "it is a provsim results folder, but '" + printable(found.detail) +
             "' in it was not written by provsim; move that out first";
    case Found::other_kind:
      return "it is a provsim " + found.detail + " folder, not a " + kind + " folder";
    case Found::old_results:
      return "it holds " + found.detail +
             " but no " + kMarkerFile + " marker (results of an older provsim?); delete it yourself if you no "
             "longer need it, or choose another folder";
    case Found::user_folder:
      return in_scenario ? "it is a folder inside the scenario folder that provsim did not create"
                         : std::string("it is a folder provsim did not create (not empty, no ") + kMarkerFile +
                               " marker); choose a new or empty folder";
    case Found::file: return "it is a file, not a folder";
    case Found::symlink: return "it is a symbolic link; give the folder itself or a new one";
    case Found::not_a_folder: return "it is not a folder";
    case Found::unreachable: return "cannot look at it: " + found.detail;
  }
  return "unknown";
}

fs::path resolve_output(const fs::path& out) {
  std::error_code ec;
  fs::path abs = fs::absolute(out, ec);
  if (ec || out.empty()) refuse(out, "not a usable path");
  abs = abs.lexically_normal();
  if (!abs.has_filename() && abs != abs.root_path()) abs = abs.parent_path();  // "a/b/" -> "a/b"
  if (abs == abs.root_path()) return abs;
  const fs::path parent = fs::weakly_canonical(abs.parent_path(), ec);
  if (ec) refuse(out, "cannot resolve its folder: " + ec.message());
  return parent / abs.filename();
}

fs::path claim_output_folder(const fs::path& out, const OutputRules& rules) {
  const fs::path target = resolve_output(out);
  const std::string why = refusal(target, inspect(target, rules.kind), rules);
  if (!why.empty()) refuse(target, "not used for results: " + why);
  return target;
}

fs::path claim_results_folder(const fs::path& out, const OutputRules& rules) {
  const fs::path target = claim_output_folder(out, rules);
  if (inspect(target, rules.kind).found != Found::results_folder)
    refuse(target, std::string("not a provsim ") + kind_name(rules.kind) + " folder (no " + kMarkerFile + " marker)");
  return target;
}

void open_output_folder(const fs::path& target, FolderKind kind) {
  std::error_code ec;
  fs::create_directories(target, ec);
  if (ec) refuse(target, "cannot create the folder: " + ec.message());
  if (!read_marker(target)) write_marker(target, kind);
}

fs::path make_partial_folder(const fs::path& target) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) refuse(target.parent_path(), "cannot create the folder: " + ec.message());
  std::string name = (target.parent_path() / ("." + target.filename().string() + ".partial-XXXXXX")).string();
  if (::mkdtemp(name.data()) == nullptr)
    refuse(target, std::string("cannot create a temporary folder beside it: ") + std::strerror(errno));
  // mkdtemp makes the folder 0700; results are as readable as any folder.
  ::chmod(name.c_str(), 0777 & ~current_umask());
  return name;
}

std::size_t remove_partial_folders(const fs::path& target) {
  const std::string prefix = "." + target.filename().string() + ".partial-";
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    // mkdtemp's six characters after the prefix, and a folder, not a link.
    if (name.size() == prefix.size() + 6 && name.compare(0, prefix.size(), prefix) == 0 &&
        entry.is_directory(ec) && !entry.is_symlink(ec))
      stale.push_back(entry.path());
  }
  for (const fs::path& p : stale) fs::remove_all(p, ec);
  return stale.size();
}

void replace_with(const fs::path& finished, const fs::path& target, const OutputRules& rules) {
  write_marker(finished, FolderKind::run);
  const Inspection now = inspect(target, rules.kind);
  const std::string why = refusal(target, now, rules);
  if (!why.empty()) refuse(target, "results not put here: " + why);
  if (now.found != Found::results_folder) {
    // Absent or empty: rename replaces an empty folder, and fails on one
    // that filled up meanwhile.
    rename_or_throw(finished, target);
    return;
  }
  if (exchange(finished, target)) {
    remove_run_folder(finished);  // now the earlier results
    return;
  }
  // No atomic exchange on this file system: move the earlier folder aside.
  const fs::path aside = make_partial_folder(target);
  rename_or_throw(target, aside);
  rename_or_throw(finished, target);
  remove_run_folder(aside);
}

void write_file_replacing(const fs::path& target, const std::string& text) {
  std::string name = (target.parent_path() / ("." + target.filename().string() + ".partial-XXXXXX")).string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) refuse(target, std::string("cannot create a temporary file beside it: ") + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  const int saved = errno;
  // mkstemp makes the file 0600; a report is as readable as any other output.
  ::fchmod(fd, 0666 & ~current_umask());
  if (::close(fd) != 0 || done < text.size()) {
    ::unlink(name.c_str());
    refuse(target, std::string("cannot write: ") + std::strerror(done < text.size() ? saved : errno));
  }
  if (std::rename(name.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(name.c_str());
    refuse(target, std::string("cannot put the file in place: ") + std::strerror(err));
  }
}

bool is_provsim_report(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.find(kGeneratorMeta) != std::string::npos || head.rfind(kOldReportHead, 0) == 0;
}

fs::path claim_output_file(const fs::path& out) {
  const fs::path target = resolve_output(out);
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0) {
    if (errno == ENOENT) return target;
    refuse(target, std::string("cannot look at it: ") + std::strerror(errno));
  }
  if (S_ISLNK(st.st_mode)) refuse(target, "not replaced: it is a symbolic link; give a new file name");
  if (S_ISDIR(st.st_mode)) refuse(target, "not replaced: it is a folder, not a report file");
  if (!S_ISREG(st.st_mode)) refuse(target, "not replaced: it is not a regular file");
  if (!is_provsim_report(target))
    refuse(target, "not replaced: it is a file provsim did not write (no provsim generator tag); give a new file name");
  return target;
}

}  // namespace provsim::reports
