#pragma once
// Backing the heap with transparent huge pages.
//
// A large run (a million subscribers and up) spends much of its time in
// cache and TLB misses: every session, lease and rated event touches a
// random subscriber's records in gigabytes of heap. With 2 MiB pages one
// TLB entry covers 512 times more memory, and the same runs take 7-12 %
// less time (docs/performance.md). Most Linux machines, Debian's included,
// give huge pages only to memory a program asks for them with
// madvise(MADV_HUGEPAGE) ("madvise" in
// /sys/kernel/mm/transparent_hugepage/enabled); glibc's allocator does so
// for its whole heap when started with the tunable glibc.malloc.hugetlb=1,
// which is read once, when the process starts. So provsim starts itself
// again with the tunable added to GLIBC_TUNABLES, before it does anything
// else.
//
// Nothing is started again when: PROVSIM_HUGE_PAGES=0 is set; the user's
// GLIBC_TUNABLES already says glibc.malloc.hugetlb (theirs is kept); the
// kernel's mode is not madvise (always: every process has them already;
// never: none to have); or the binary is built with a sanitizer (it brings
// its own allocator). The results do not depend on it: the same scenario
// and seed give the same files either way.

namespace provsim::sim {

// Starts this program again (execv of the file /proc/self/exe names, with
// `argv`) with
// glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES, unless one of the cases
// above holds. Returns only when it does not start again (or cannot).
void ask_for_huge_pages(char** argv);

// Whether glibc's allocator was started with huge pages asked for
// (glibc.malloc.hugetlb=1 or =2 in GLIBC_TUNABLES).
bool heap_on_huge_pages();

}  // namespace provsim::sim
