# `metrex panel` over a store built from tests/cli/panel/: a region x year table, text
# (aligned by display width) and CSV; distinct values of one region-year joined by ';';
# documents without a region noted on stderr; unknown indicators and stores fail.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

run_metrex(0 extract --rules ${DATA}/store-rules.yaml --db panel.db ${DATA}/panel)

run_metrex(0 panel --db panel.db --indicator store_test.received)
expect_equal("panel (text)" "${OUT}" "store_test.received 行政复议申请收案数 (件)
region  2021     2022
无锡市     -     1356
昆山市   169  180;181
")
expect_contains("documents without a region" "${ERR}" "1 document(s) with values have no region or year and are not shown:")
expect_contains("documents without a region" "${ERR}" "no-region.txt")

run_metrex(0 panel --db panel.db --indicator store_test.received --format csv)
# (execute_process turns CRLF into LF; expect_crlf checks the bytes.)
expect_equal("panel (csv)" "${OUT}" "indicator,region,2021,2022
store_test.received,无锡市,,1356
store_test.received,昆山市,169,180;181
")
execute_process(COMMAND ${METREX} panel --db panel.db --indicator store_test.received --format csv
                WORKING_DIRECTORY ${WORK} OUTPUT_FILE ${WORK}/panel.csv)
expect_crlf(${WORK}/panel.csv 3)

# An indicator the store does not have: the others still print, exit 1.
run_metrex(1 panel --db panel.db --indicator no.such --indicator store_test.received --format csv)
expect_contains("unknown indicator" "${ERR}" "metrex: error: no records of indicator 'no.such' in panel.db")
expect_contains("known indicator still printed" "${OUT}" "store_test.received,昆山市,169,180;181")

# A store that is not there is not created.
run_metrex(2 panel --db missing.db --indicator store_test.received)
expect_contains("missing store" "${ERR}" "metrex: error: cannot open database 'missing.db': unable to open database file")
if(EXISTS ${WORK}/missing.db)
  message(FATAL_ERROR "metrex panel created missing.db")
endif()
