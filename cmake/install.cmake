# Install layout (GNU dirs under the prefix):
#   bin/provsim
#   share/provsim/<library>/build/<library>.min.js   the report's chart libraries
#   share/doc/provsim/                               README, docs, example scenarios
# provsim looks for its chart libraries in ../share/provsim beside its own
# executable, so the installed tree can be moved as a whole.
include(GNUInstallDirs)

set(PROVSIM_WEB_MODULES "${PROVSIM_SOURCE_DIR}/reports/web/node_modules")
set(PROVSIM_CHART_LIBRARIES vega vega-lite vega-embed)

# In the build folder provsim sits at the top, so <build>/share/provsim is
# where it finds the libraries when run from there: a link to the folder
# `npm ci` fills (it may appear after configuring; the link still holds).
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/share")
file(CREATE_LINK "${PROVSIM_WEB_MODULES}" "${CMAKE_BINARY_DIR}/share/provsim" SYMBOLIC)

if(NOT EXISTS "${PROVSIM_WEB_MODULES}/vega/build/vega.min.js")
  message(WARNING "reports/web/node_modules is missing (run tools/setup or 'npm ci' in reports/web): "
                  "reports will be written without charts and 'cmake --install' will fail")
endif()

install(TARGETS provsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(lib IN LISTS PROVSIM_CHART_LIBRARIES)
  install(FILES "${PROVSIM_WEB_MODULES}/${lib}/build/${lib}.min.js"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/provsim/${lib}/build")
  install(FILES "${PROVSIM_WEB_MODULES}/${lib}/LICENSE" DESTINATION "${CMAKE_INSTALL_DATADIR}/provsim/${lib}")
endforeach()

install(FILES "${PROVSIM_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${PROVSIM_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}/docs" FILES_MATCHING PATTERN "*.md")
# The example scenarios a new user starts from; the sweep files refer to
# them as ../baseline and ../overallocation, so they keep their places.
foreach(example baseline capacity-pm overallocation sweeps)
  install(DIRECTORY "${PROVSIM_SOURCE_DIR}/scenarios/${example}" DESTINATION "${CMAKE_INSTALL_DOCDIR}/scenarios")
endforeach()
