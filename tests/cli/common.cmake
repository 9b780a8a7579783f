# Helpers for the CLI test scripts (tests/cli_tests.cmake runs them with cmake -P).

foreach(var METREX DATA WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "pass -D${var}=...")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# run_metrex(<expected exit code> ARGS...): runs the binary; sets OUT, ERR in the caller.
function(run_metrex expected_rc)
  execute_process(COMMAND ${METREX} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  WORKING_DIRECTORY ${WORK})
  if(NOT "${rc}" STREQUAL "${expected_rc}")
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "metrex ${cmd}\nexited ${rc}, expected ${expected_rc}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  set(OUT "${out}" PARENT_SCOPE)
  set(ERR "${err}" PARENT_SCOPE)
endfunction()

# expect_equal(<what> <actual> <expected>): prints both as blocks when they differ.
function(expect_equal what actual expected)
  if(NOT "${actual}" STREQUAL "${expected}")
    message(FATAL_ERROR "${what}\n--- expected\n${expected}\n--- actual\n${actual}")
  endif()
endfunction()

function(expect_contains what text fragment)
  string(FIND "${text}" "${fragment}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: expected to find\n  ${fragment}\nin\n${text}")
  endif()
endfunction()

# store_holds(<out var>): "N documents, M records" from extract --db's summary in ERR.
function(store_holds out_var)
  if(NOT ERR MATCHES "it holds ([0-9]+ documents, [0-9]+ records)")
    message(FATAL_ERROR "no store summary on stderr:\n${ERR}")
  endif()
  set(${out_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()

# line_ends(<file> <lf var> <crlf var>): counts of LF and of CR LF, on the file's bytes
# (execute_process output and file(STRINGS) would hide the CRs).
function(line_ends file lf_var crlf_var)
  file(READ ${file} hex HEX)
  string(REGEX REPLACE "(..)" "\\1 " spaced "${hex}")
  string(REGEX MATCHALL "0a " lf "${spaced}")
  string(REGEX MATCHALL "0d 0a " crlf "${spaced}")
  list(LENGTH lf n_lf)
  list(LENGTH crlf n_crlf)
  set(${lf_var} ${n_lf} PARENT_SCOPE)
  set(${crlf_var} ${n_crlf} PARENT_SCOPE)
endfunction()

# expect_crlf(<file> <lines>): the file has exactly <lines> line ends, all CRLF.
function(expect_crlf file lines)
  line_ends(${file} n_lf n_crlf)
  if(NOT n_lf EQUAL lines OR NOT n_crlf EQUAL lines)
    message(FATAL_ERROR "${file}: ${n_lf} line ends, ${n_crlf} of them CRLF; expected ${lines} CRLF")
  endif()
endfunction()
