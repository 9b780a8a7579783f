# End-to-end tests of the metrex binary: the rule pack's examples, the samples check, and
# what rule authors and CI see when something is wrong. Included by tests/CMakeLists.txt.
set(METREX_EXPECT ${CMAKE_CURRENT_SOURCE_DIR}/cli/expect.cmake)
set(CLI_CASES ${CMAKE_CURRENT_SOURCE_DIR}/cases/cli)

# metrex_cli_test(NAME EXIT n ARGS a b c [CONTAINS x y] [EQUALS file] [MATCHES re])
function(metrex_cli_test name)
  cmake_parse_arguments(T "" "EXIT;EQUALS;MATCHES" "ARGS;CONTAINS" ${ARGN})
  list(JOIN T_ARGS "|" args)
  set(defs -DCOMMAND=$<TARGET_FILE:metrex>|${args} -DEXIT=${T_EXIT}
           -DWORKDIR=${PROJECT_SOURCE_DIR} -DSOURCE=${PROJECT_SOURCE_DIR})
  if(T_EQUALS)
    list(APPEND defs -DEQUALS=${T_EQUALS})
  endif()
  if(T_CONTAINS)
    list(JOIN T_CONTAINS "|" contains)
    list(APPEND defs "-DCONTAINS=${contains}")
  endif()
  if(T_MATCHES)
    list(APPEND defs "-DMATCHES=${T_MATCHES}")
  endif()
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${METREX_EXPECT})
  set_tests_properties(${name} PROPERTIES LABELS cli)
endfunction()

# The rule pack: every example of every rule is a test (metrex test), and every rule is
# exercised by its examples (--coverage).
metrex_cli_test(rules_examples EXIT 0 ARGS test --coverage CONTAINS " 0 failed")

# The samples: extraction scored against hand-read expected records; fails below the
# threshold or on a regression against samples/baseline.json.
metrex_cli_test(samples_check EXIT 0
  ARGS check --min-f1 0.95 --junit ${CMAKE_CURRENT_BINARY_DIR}/samples_check.xml
  CONTAINS "== total")

# A syntax error inside a match: expression is reported at the YAML file's line and
# column, with the source line and a caret under the right character, before any work.
metrex_cli_test(bad_expression_diagnostic EXIT 2
  ARGS test --rules tests/cases/cli/bad_expression.yaml
  EQUALS ${CLI_CASES}/bad_expression.expected)

# Several bad rules in several places: all reported, then the count.
metrex_cli_test(bad_rules_all_reported EXIT 2
  ARGS test --rules tests/cases/cli/bad_rules.yaml
  EQUALS ${CLI_CASES}/bad_rules.expected)

# A wrong example makes `metrex test` fail, naming the rule, the file:line, the text,
# the expected and the actual records.
metrex_cli_test(wrong_example_fails EXIT 1
  ARGS test --rules tests/cases/cli/wrong_example.yaml
  EQUALS ${CLI_CASES}/wrong_example.expected)

# A deliberately broken rule (it claims every 受理 count as reconsideration.accepted)
# lowers precision on the samples: `metrex check` fails against the baseline.
metrex_cli_test(check_fails_on_broken_rule EXIT 1
  ARGS check -q --rules rules --rules tests/cases/cli/broken_rule.yaml
  CONTAINS "REGRESSION")

# A document that cannot be decoded yields an error record and the batch goes on.
metrex_cli_test(undecodable_document_is_an_error_record EXIT 0
  ARGS extract tests/cases/cli/undecodable.txt samples/kunshan-2021.txt
  CONTAINS "\"type\":\"error\"" "\"error\":\"undecodable\"" "reconsideration.received")

# --help teaches: every command has a worked example.
metrex_cli_test(help_has_examples EXIT 0 ARGS extract --help CONTAINS "Examples:")
