# Fills the corpus folder CORPUS of fuzz target NAME with its seeds: the real
# files of scenarios/ it reads (copied at test time, so they are never stale
# duplicates in the tree) and the hand-made edge cases in seeds/NAME/.
# Files the fuzzer added in earlier runs are kept.
file(MAKE_DIRECTORY ${CORPUS})
set(scenarios ${SOURCE_DIR}/scenarios)
set(seeds "")
if(NAME STREQUAL "csv_table")
  file(GLOB_RECURSE seeds ${scenarios}/*.csv)
elseif(NAME STREQUAL "config")
  file(GLOB_RECURSE seeds ${scenarios}/scenario.ini)
elseif(NAME STREQUAL "sweep")
  file(GLOB seeds ${scenarios}/sweeps/*.ini)
elseif(NAME STREQUAL "rating_tables")
  # Each fixture's Rates.csv alone, and with its other rating files after
  # "%%name" lines (the input format of rating_tables_fuzz.cpp).
  file(GLOB fixtures ${scenarios}/_fixtures/rating*/good)
  foreach(dir ${fixtures})
    get_filename_component(parent ${dir} DIRECTORY)
    get_filename_component(fixture ${parent} NAME)
    file(READ ${dir}/Rates.csv whole)
    file(WRITE ${CORPUS}/${fixture}-Rates.csv "${whole}")
    foreach(f rating_rules.csv revenue_shares.csv events.csv)
      if(EXISTS ${dir}/${f})
        file(READ ${dir}/${f} text)
        string(APPEND whole "%%${f}\n${text}")
      endif()
    endforeach()
    file(WRITE ${CORPUS}/${fixture}-all "${whole}")
  endforeach()
endif()
file(GLOB hand_made ${CMAKE_CURRENT_LIST_DIR}/seeds/${NAME}/*)
list(APPEND seeds ${hand_made})

foreach(seed ${seeds})
  file(SIZE ${seed} size)
  # Large tables (line lists of thousands of rows) add nothing the small
  # ones do not, and slow every mutation down.
  if(size GREATER 16384)
    continue()
  endif()
  file(RELATIVE_PATH name ${SOURCE_DIR} ${seed})
  string(REPLACE "/" "-" name "${name}")
  configure_file(${seed} ${CORPUS}/seed-${name} COPYONLY)
endforeach()
