# `cpack -G DEB` in the build folder makes provsim_<version>_<arch>.deb of the
# install layout under /usr. Its Depends are worked out by dpkg-shlibdeps
# from the libraries the binary links (SimGrid, Boost.Program_options, the
# C++ runtime), so it installs with apt on a Debian 12 that lacks them.
set(CPACK_PACKAGE_NAME provsim)
set(CPACK_PACKAGE_VENDOR "provsim")
set(CPACK_PACKAGE_CONTACT "provsim maintainers <provsim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "simulation and test harness for broadband service provisioning")
set(CPACK_PACKAGE_DESCRIPTION
    "A reference provisioning manager, rating engine and IP address server running inside a SimGrid simulation, driven by scenario folders, with reports, parameter sweeps and run-to-run comparison.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Sweeps hand their jobs to GNU parallel or Slurm when asked to.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "parallel, slurm-client")
include(CPack)
