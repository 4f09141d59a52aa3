# AddressSanitizer + UndefinedBehaviorSanitizer for the test build (the
# `asan` preset), and the settings every sanitized program carries with it
# (tools/sanitizer/): stop at the first error, the leak suppressions for
# SimGrid's undelivered messages (compiled in rather than read from the
# environment, so the sanitized provsim behaves the same under ctest,
# installed elsewhere, or in a chroot), and SimGrid's stack switches made
# known to the sanitizer (simgrid_fibers.cpp).
option(PROVSIM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

if(PROVSIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  add_compile_definitions(PROVSIM_SANITIZE)
  add_library(provsim_sanitizer_defaults OBJECT ${CMAKE_CURRENT_LIST_DIR}/../tools/sanitizer/sanitizer_defaults.cpp
                                                ${CMAKE_CURRENT_LIST_DIR}/../tools/sanitizer/simgrid_fibers.cpp)
  target_link_libraries(provsim_sanitizer_defaults PRIVATE provsim_warnings PUBLIC ${CMAKE_DL_LIBS})
endif()

# Every program under DIR (and its subfolders) gets the compiled-in settings.
function(provsim_link_sanitizer_defaults dir)
  if(NOT TARGET provsim_sanitizer_defaults)
    return()
  endif()
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_link_libraries(${target} PRIVATE provsim_sanitizer_defaults)
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    provsim_link_sanitizer_defaults(${sub})
  endforeach()
endfunction()
