# End-to-end tests of the metrex binary (label: cli) that need more than one command and
# a check (tests/cli_core.cmake has the one-command ones). Each runs a CMake script in
# tests/cli/ that calls the binary and checks its output and exit code, so no sqlite3
# shell or Python is needed. Scripts get:
#   METREX   the binary          SAMPLES  samples/
#   DATA     tests/cli/          WORK     a fresh scratch directory for the test
set(METREX_CLI_WORK ${CMAKE_CURRENT_BINARY_DIR}/cli)

function(metrex_cli_script_test name script)
  add_test(NAME ${name}
           COMMAND ${CMAKE_COMMAND} -DMETREX=$<TARGET_FILE:metrex> -DSAMPLES=${PROJECT_SOURCE_DIR}/samples
                   -DDATA=${CMAKE_CURRENT_SOURCE_DIR}/cli -DWORK=${METREX_CLI_WORK}/${name}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/${script})
  set_tests_properties(${name} PROPERTIES LABELS cli TIMEOUT 60)
endfunction()

metrex_cli_script_test(cli_extract_sqlite_idempotent extract_sqlite_twice.cmake)
metrex_cli_script_test(cli_extract_formats extract_formats.cmake)
metrex_cli_script_test(cli_panel panel.cmake)
