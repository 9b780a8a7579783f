# Runs one command and checks its exit code and output. Used by tests/cli_core.cmake.
#   -DCOMMAND=<;-list>      the command line
#   -DEXIT=<n>              the expected exit code
#   -DWORKDIR=<dir>         where to run it
#   -DINPUT=<file>          standard input comes from this file (default: none)
#   -DEQUALS=<file>         stdout+stderr must equal this file's contents (after replacing
#                           @SOURCE@ with the source directory)
#   -DCONTAINS=<;-list>     each of these strings must occur in stdout+stderr
#   -DMATCHES=<regex>       stdout+stderr must match this regular expression
cmake_minimum_required(VERSION 3.20)
string(REPLACE "|" ";" COMMAND "${COMMAND}")
set(stdin_args "")
if(DEFINED INPUT)
  set(stdin_args INPUT_FILE "${INPUT}")
endif()
execute_process(COMMAND ${COMMAND} WORKING_DIRECTORY "${WORKDIR}" ${stdin_args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
set(failed "")
if(NOT "${rc}" STREQUAL "${EXIT}")
  string(APPEND failed "exit code: expected ${EXIT}, got ${rc}\n")
endif()
if(DEFINED EQUALS)
  file(READ "${EQUALS}" want)
  string(REPLACE "@SOURCE@" "${SOURCE}" want "${want}")
  if(NOT "${all}" STREQUAL "${want}")
    string(APPEND failed "output differs from ${EQUALS}\n--- expected\n${want}--- actual\n${all}---\n")
  endif()
endif()
if(DEFINED CONTAINS)
  string(REPLACE "|" ";" CONTAINS "${CONTAINS}")
  foreach(needle IN LISTS CONTAINS)
    string(FIND "${all}" "${needle}" at)
    if(at EQUAL -1)
      string(APPEND failed "output lacks: ${needle}\n")
    endif()
  endforeach()
endif()
if(DEFINED MATCHES AND NOT "${all}" MATCHES "${MATCHES}")
  string(APPEND failed "output does not match: ${MATCHES}\n")
endif()
if(failed)
  message(FATAL_ERROR "${COMMAND}\n${failed}\n--- output\n${all}")
endif()
