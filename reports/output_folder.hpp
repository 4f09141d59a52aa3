#pragma once
// The output contract: provsim replaces only what it wrote itself.
//
// Before a command runs anything it claims its output: the path is made
// absolute, "." and ".." are folded and the links in its parent folders are
// resolved (the last component is taken as named). The claim is refused, with
// one line naming the path and the reason, if the path is
//   - the root folder, the working folder or a folder that holds it,
//   - a scenario folder being run, or a folder that holds one,
//   - a symbolic link (provsim would replace the link, or write where the
//     user may not expect; the folder it points to can be given instead),
//   - a file, a FIFO, a device or anything else that is not a folder,
//   - a folder that is neither empty nor a provsim results folder of the
//     same kind (run, check or sweep; see results_marker.hpp), including
//     results of an older provsim that wrote no marker: those are left for
//     the user to delete by hand,
//   - a run folder in which a file provsim did not write has appeared,
//   - with --no-clobber, any earlier provsim results folder.
// An absent path or an empty folder is always fine: nothing is lost.
//
// A run folder is written beside its target under a hidden temporary name
// and swapped into place with one atomic rename once complete; the rules are
// checked again just before the swap, and the earlier folder is removed file
// by file from its marker's list, never wholesale.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "reports/results_marker.hpp"

namespace provsim::reports {

// A claim that breaks the contract: what() is one line, "PATH: reason".
struct OutputRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What lies at a path, as far as the contract cares.
enum class Found {
  nothing,         // no such path: it will be created
  empty_folder,
  results_folder,  // a provsim results folder of the wanted kind
  foreign_file,    // a provsim run folder holding a file provsim did not write (detail: its name)
  other_kind,      // a provsim results folder of another kind (detail: that kind)
  old_results,     // a folder that looks like an older provsim's results, with no marker
  user_folder,     // any other folder with something in it
  file,
  symlink,
  not_a_folder,    // FIFO, socket, device
  unreachable,     // cannot be looked at (detail: why), e.g. a parent is a file
};

struct Inspection {
  Found found = Found::nothing;
  std::string detail;
};

struct OutputRules {
  FolderKind kind = FolderKind::run;
  std::vector<std::filesystem::path> scenarios;  // canonical scenario folders being run
  std::filesystem::path cwd;                     // canonical working folder
  bool no_clobber = false;
};

// Looks at `path` without following a link at its last component.
Inspection inspect(const std::filesystem::path& path, FolderKind kind);

// Why `target` may not be used under `rules`, or "" if it may. Pure: the
// target must already be resolved (resolve_output) and `found` describes it.
std::string refusal(const std::filesystem::path& target, const Inspection& found, const OutputRules& rules);

// `out` made absolute with its parent folders' links resolved; throws
// OutputRefused if that is impossible (a link loop, say).
std::filesystem::path resolve_output(const std::filesystem::path& out);

// resolve_output, inspect and refusal together: the path to write to, or
// OutputRefused.
std::filesystem::path claim_output_folder(const std::filesystem::path& out, const OutputRules& rules);

// An existing provsim results folder of rules.kind to write into (`sweep
// collect`); anything else, even an empty folder, is refused.
std::filesystem::path claim_results_folder(const std::filesystem::path& out, const OutputRules& rules);

// Creates a claimed check or sweep folder with its marker (or adds nothing
// if it is one already): such folders are written into, not replaced.
void open_output_folder(const std::filesystem::path& target, FolderKind kind);

// A new empty hidden folder beside `target` to write a run folder into.
std::filesystem::path make_partial_folder(const std::filesystem::path& target);

// Removes the hidden folders make_partial_folder made beside `target` for
// runs that are over: a run killed before it put its results in place
// leaves one behind. Only real folders named as make_partial_folder names
// them are removed; returns how many. The caller knows no run of `target`
// is still writing (a sweep starting the run's next attempt).
std::size_t remove_partial_folders(const std::filesystem::path& target);

// Marks `finished` as a run folder and puts it in place of `target`, after
// checking the rules again; throws OutputRefused (leaving `finished` for the
// caller to remove) if they no longer hold.
void replace_with(const std::filesystem::path& finished, const std::filesystem::path& target,
                  const OutputRules& rules);

// Writes `text` to a new hidden file beside `target`, then renames it over
// `target`: a reader never sees half a file, and a link at `target` is
// replaced, never followed.
void write_file_replacing(const std::filesystem::path& target, const std::string& text);

// `report --out FILE`: the file to write, which must be absent or a report
// provsim wrote (see is_provsim_report); otherwise OutputRefused.
std::filesystem::path claim_output_file(const std::filesystem::path& out);

// True if the file begins like a report.html provsim writes: it carries
// provsim's generator tag, or begins with the exact head that reports of
// older versions began with.
bool is_provsim_report(const std::filesystem::path& file);

}  // namespace provsim::reports
