# Precompiled headers for the builds that only test: the sanitizer and fuzz
# presets. Nearly all of each file's compile time goes into the headers it
# reads (about 100,000 lines of the standard library, SimGrid, JSON and
# GoogleTest per file), so compiling them once per target roughly halves a
# clean build. The release build leaves them off, so every file there still
# compiles from its own includes alone.
option(PROVSIM_PRECOMPILE_HEADERS "Precompile the common system headers in every target" OFF)

set(PROVSIM_PCH_HEADERS
  <algorithm> <array> <charconv> <chrono> <cmath> <cstdint> <cstdio> <cstdlib> <cstring> <deque>
  <filesystem> <fstream> <functional> <iostream> <limits> <map> <memory> <optional> <set> <sstream>
  <stdexcept> <string> <string_view> <unordered_map> <utility> <variant> <vector>
  <nlohmann/json.hpp>)
set(PROVSIM_PCH_SIMGRID_HEADERS <simgrid/s4u/Actor.hpp> <simgrid/s4u/Engine.hpp> <simgrid/s4u/Host.hpp>)
set(PROVSIM_PCH_TEST_HEADERS <gtest/gtest.h> <gmock/gmock.h>)

# Every library and program under DIR (and its subfolders) gets the headers
# it can use: SimGrid's where it links SimGrid, GoogleTest's in test programs.
function(provsim_precompile_headers dir)
  if(NOT PROVSIM_PRECOMPILE_HEADERS)
    return()
  endif()
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "^(STATIC_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    get_target_property(sources ${target} SOURCES)
    list(FILTER sources INCLUDE REGEX "\\.(cpp|cc)$")
    list(LENGTH sources count)
    if(count LESS 2)  # one file gains nothing from a header compiled for it alone
      continue()
    endif()
    set(headers ${PROVSIM_PCH_HEADERS})
    get_target_property(links ${target} LINK_LIBRARIES)
    if(links MATCHES "SIMGRID|provsim_sim|provsim_dhcp")
      list(APPEND headers ${PROVSIM_PCH_SIMGRID_HEADERS})
    endif()
    if(links MATCHES "GTest::")
      list(APPEND headers ${PROVSIM_PCH_TEST_HEADERS})
    endif()
    target_precompile_headers(${target} PRIVATE ${headers})
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    provsim_precompile_headers(${sub})
  endforeach()
endfunction()
