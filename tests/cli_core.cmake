# End-to-end tests of the metrex binary: the rule pack's examples, the samples check, and
# what rule authors and CI see when something is wrong. Included by tests/CMakeLists.txt.
set(METREX_EXPECT ${CMAKE_CURRENT_SOURCE_DIR}/cli/expect.cmake)
set(CLI_CASES ${CMAKE_CURRENT_SOURCE_DIR}/cases/cli)

# metrex_cli_test(NAME EXIT n ARGS a b c [CONTAINS x y] [EQUALS file] [MATCHES re] [INPUT file])
# INPUT: standard input is read from that file (relative to the source directory).
function(metrex_cli_test name)
  cmake_parse_arguments(T "" "EXIT;EQUALS;MATCHES;INPUT" "ARGS;CONTAINS" ${ARGN})
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
  if(T_INPUT)
    list(APPEND defs "-DINPUT=${PROJECT_SOURCE_DIR}/${T_INPUT}")
  endif()
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${METREX_EXPECT})
  set_tests_properties(${name} PROPERTIES LABELS cli)
endfunction()

# The rule pack: every example of every rule is a test (metrex test), and every rule is
# exercised by its examples (--coverage).
metrex_cli_test(rules_examples EXIT 0 ARGS test --coverage CONTAINS " 0 failed")

# An expert extends the pack by YAML alone: a file of their own adds head nouns to the
# pack's @program_head (extend_lexicons:) and an alias; the pack's rules then find the new
# kinds of program, and every example still passes.
metrex_cli_test(expert_adds_head_and_alias EXIT 0
  ARGS extract --rules rules --rules tests/cases/cli/extend_program_head.yaml
       tests/cases/cli/extend_program_head.txt
  CONTAINS "\"name\":\"老娘舅\",\"category\":\"venue\",\"head\":\"说事堂\",\"canonical\":\"老娘舅调解\""
           "\"name\":\"板凳\",\"category\":\"campaign\",\"head\":\"法治夜话会\"")
metrex_cli_test(expert_extension_keeps_examples_passing EXIT 0
  ARGS test --rules rules --rules tests/cases/cli/extend_program_head.yaml CONTAINS " 0 failed")
metrex_cli_test(extend_unknown_lexicon_is_an_error EXIT 2
  ARGS test --rules tests/cases/cli/extend_program_head.yaml
  CONTAINS "cannot extend lexicon 'program_head': no file defines it")

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

# Standard input (tests/cases/e2e/cli, constructed): JSON Lines {"id":..,"text":..}, one
# document per line (blank lines skipped; a line without "text" is an error record and the
# batch goes on), or one plain document.
set(E2E_CLI tests/cases/e2e/cli)
metrex_cli_test(stdin_jsonl_documents EXIT 0 ARGS extract - INPUT ${E2E_CLI}/docs.jsonl
  CONTAINS "{\"doc\":\"a\",\"type\":\"indicator\",\"rule\":\"reconsideration.received\""
           "\"section\":[\"一、行政复议\"]" "\"value\":169,"
           "{\"doc\":\"b\",\"type\":\"indicator\",\"rule\":\"reconsideration.received\"" "\"value\":58,"
           "\"change\":{\"direction\":\"up\",\"value\":56.7,\"unit\":\"%\",\"basis\":\"同比\"}"
           "{\"doc\":\"stdin:4\",\"type\":\"error\",\"error\":\"bad-jsonl\"")
metrex_cli_test(stdin_plain_document EXIT 0 ARGS extract - INPUT ${E2E_CLI}/plain.txt
  CONTAINS "{\"doc\":\"stdin\",\"type\":\"indicator\",\"rule\":\"reconsideration.received\"" "\"value\":169,")

# --encoding overrides detection: short BOM-less Big5 would be read as GB18030 and
# BOM-less UTF-16LE is undecodable unless named; naming the wrong encoding is an error
# record, not mojibake, and the batch goes on.
metrex_cli_test(encoding_override_big5 EXIT 0 ARGS extract --encoding Big5 ${E2E_CLI}/short.big5.txt
  CONTAINS "\"text\":\"收到行政復議申請169件\"" "\"indicator\":\"reconsideration.received\"" "\"value\":169,")
metrex_cli_test(encoding_override_utf16le EXIT 0 ARGS extract --encoding UTF-16LE ${E2E_CLI}/short.utf16le.txt
  CONTAINS "\"indicator\":\"reconsideration.accepted\"" "\"value\":138,")
metrex_cli_test(encoding_utf16le_undetected EXIT 0 ARGS extract ${E2E_CLI}/short.utf16le.txt
  CONTAINS "\"type\":\"error\",\"error\":\"undecodable\"")
metrex_cli_test(encoding_wrong_is_error_record EXIT 0
  ARGS extract --encoding UTF-8 tests/corpus/forms/kunshan.gb18030.txt ${E2E_CLI}/plain.txt
  CONTAINS "{\"doc\":\"tests/corpus/forms/kunshan.gb18030.txt\",\"type\":\"error\",\"error\":\"undecodable\""
           "{\"doc\":\"tests/cases/e2e/cli/plain.txt\",\"type\":\"indicator\"")

# --help teaches: every command has a worked example.
metrex_cli_test(help_has_examples EXIT 0 ARGS extract --help CONTAINS "Examples:")

# Every command's --help ends with a worked example.
foreach(command extract test explain check panel coverage review)
  metrex_cli_test(help_${command}_has_example EXIT 0 ARGS ${command} --help CONTAINS "Example")
endforeach()

# Usage errors are plain words naming the command, and say where to look.
metrex_cli_test(usage_unknown_command EXIT 2 ARGS extrct samples/
  CONTAINS "metrex: error: unknown command 'extrct'")
metrex_cli_test(usage_missing_input EXIT 2 ARGS coverage
  CONTAINS "metrex coverage: error: missing INPUT" "run `metrex coverage --help`")
metrex_cli_test(usage_review_needs_output EXIT 2 ARGS review samples/kunshan-2021.txt
  CONTAINS "metrex review: error: missing --output")
metrex_cli_test(review_unwritable_output EXIT 2
  ARGS review samples/kunshan-2021.txt -o ${CMAKE_CURRENT_BINARY_DIR}/no-such-dir/review.html
  CONTAINS "metrex: error: cannot write '${CMAKE_CURRENT_BINARY_DIR}/no-such-dir/review.html'")
# Regression: --rules used to swallow the inputs after it (`--rules DIR report.txt -o x`
# said "missing INPUT"); each --rules takes one path.
metrex_cli_test(rules_option_takes_one_path EXIT 0
  ARGS extract --rules rules samples/kunshan-2021.txt -o ${CMAKE_CURRENT_BINARY_DIR}/rules_one_path.jsonl)

# metrex coverage: the figures no catalogue rule claimed, grouped by their automatic
# label, most frequent first (the labels here are the generic rule's own examples).
set(COVERAGE_INPUT --rules rules/generic.yaml --rules tests/cases/cli/coverage_rules.yaml
                   tests/cases/cli/coverage.txt)
metrex_cli_test(coverage_text EXIT 0 ARGS coverage ${COVERAGE_INPUT} --examples 2
  EQUALS ${CLI_CASES}/coverage.expected)
metrex_cli_test(coverage_text_cuts_sentences EXIT 0 ARGS coverage ${COVERAGE_INPUT} --top 1 --width 12
  CONTAINS "the most frequent:" "tests/cases/cli/coverage.txt: 290批 — …164次290批618人…")
metrex_cli_test(coverage_csv EXIT 0 ARGS coverage ${COVERAGE_INPUT} --format csv
  CONTAINS "label,count,documents,doc,start,end,raw,value,unit,qualifier,planned,sentence\r\n"
           "市党政领导共计接待来访群众,3,1,tests/cases/cli/coverage.txt,69,73,290批,290,批,exact,false,"
           "矛盾排查,1,1,tests/cases/cli/coverage.txt,")
metrex_cli_test(coverage_jsonl EXIT 0 ARGS coverage ${COVERAGE_INPUT} --format jsonl --top 2
  MATCHES "^{\"label\":\"市党政领导共计接待来访群众\",\"count\":3,\"documents\":1,\"units\":\\[\"次\",\"批\",\"人次\"\\],\"occurrences\":\\[{\"doc\":\"tests/cases/cli/coverage.txt\",\"start\":65,\"end\":69,\"text\":\"164次\",\"raw\":\"164次\",\"value\":164,[^\n]*\n{\"label\":\"法治文化公园\",\"count\":2,[^\n]*\n$")
metrex_cli_test(coverage_samples EXIT 0 ARGS coverage samples/ --top 3
  MATCHES "^5 documents: [0-9]+ figures, [0-9]+ claimed by catalogue rules, [0-9]+ unclaimed \\([0-9]+%\\) under [0-9]+ labels; the 3 most frequent:\n\n[0-9]+ × [^\n]+  \\([^\n]+; [0-9]+ documents?\\)\n    samples/")

# Progress: silent when stderr is not a terminal (as under ctest); --progress forces it.
metrex_cli_test(progress_silent_off_terminal EXIT 0
  ARGS extract samples/kunshan-2021.txt -o ${CMAKE_CURRENT_BINARY_DIR}/progress_silent.jsonl
  EQUALS ${CLI_CASES}/empty.expected)
metrex_cli_test(progress_forced EXIT 0
  ARGS extract --progress samples/ -o ${CMAKE_CURRENT_BINARY_DIR}/progress_forced.jsonl
  MATCHES "metrex: 5/5 documents, [0-9.]+ docs/s, [0-9.]+ MB/s \\(done\\)\n$")
metrex_cli_test(progress_flags_exclusive EXIT 2 ARGS extract --progress --no-progress samples/
  CONTAINS "metrex extract: error: --progress excludes --no-progress")

# Regression: change-rule examples used to pass whenever any change was attached.
metrex_cli_test(wrong_change_example_fails EXIT 1
  ARGS test --rules tests/cases/cli/wrong_change_example.yaml
  CONTAINS "expected: value=99" "0 passed, 1 failed")

# Held-out constructed reports, written blind to the rule pack (tests/heldout/README.md):
# no threshold, but no regression against their baseline either.
metrex_cli_test(heldout_check EXIT 0
  ARGS check -q tests/heldout --junit ${CMAKE_CURRENT_BINARY_DIR}/heldout_check.xml
  CONTAINS "== total")
metrex_cli_test(heldout2_check EXIT 0
  ARGS check -q tests/heldout2 --junit ${CMAKE_CURRENT_BINARY_DIR}/heldout2_check.xml
  CONTAINS "== total")

# A samples directory without expected files is a usage error, not an empty success
# (a mistyped CI path must not pass).
metrex_cli_test(check_without_expectations_is_an_error EXIT 2
  ARGS check tests/cases/cli CONTAINS "no <name>.expected.yaml files")

# A document that cannot be read is reported on stderr too.
metrex_cli_test(unreadable_document_is_reported EXIT 0
  ARGS extract tests/cases/cli/undecodable.txt
  CONTAINS "1 of 1 documents could not be read")

# Parallel extraction writes exactly what one job writes.
add_test(NAME extract_jobs_same_output COMMAND ${CMAKE_COMMAND}
  -DMETREX=$<TARGET_FILE:metrex> -DWORKDIR=${PROJECT_SOURCE_DIR}
  "-DFIRST=extract|-j|1|samples|tests/heldout|tests/heldout2|tests/corpus/forms"
  "-DSECOND=extract|-j|3|samples|tests/heldout|tests/heldout2|tests/corpus/forms"
  -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/same_output.cmake)
set_tests_properties(extract_jobs_same_output PROPERTIES LABELS cli)
metrex_cli_test(heldout3_check EXIT 0
  ARGS check -q tests/heldout3 --junit ${CMAKE_CURRENT_BINARY_DIR}/heldout3_check.xml
  CONTAINS "== total")
