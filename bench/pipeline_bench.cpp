// Benchmarks of the pipeline's stages on the real samples (bench/README.md).
// Run: cmake --build build --target bench
#include "engine/compile/compile.hpp"
#include "engine/match/match.hpp"
#include "engine/rules/rules.hpp"
#include "engine/segment/segment.hpp"
#include "engine/text/text.hpp"

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

const std::string& corpus() {
    static const std::string text = [] {
        std::string all;
        for (const auto& e : std::filesystem::directory_iterator(METREX_SOURCE_DIR "/samples"))
            if (e.path().extension() == ".txt") all += metrex::text::load_document(e.path()).text + "\n";
        return all;
    }();
    return text;
}

const metrex::rules::RuleSet& specs() {
    static const metrex::rules::RuleSet set = [] {
        metrex::Diagnostics d;
        return metrex::rules::load_rules({METREX_SOURCE_DIR "/rules"}, d);
    }();
    return set;
}

std::shared_ptr<const metrex::compile::CompiledRuleSet> compiled() {
    static const auto rules = [] {
        metrex::Diagnostics d;
        return metrex::compile::compile(specs(), {}, d);
    }();
    return rules;
}

void set_bytes(benchmark::State& state, std::size_t bytes) {
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_LoadRules(benchmark::State& state) {
    for (auto _ : state) {
        metrex::Diagnostics d;
        benchmark::DoNotOptimize(metrex::rules::load_rules({METREX_SOURCE_DIR "/rules"}, d));
    }
}
BENCHMARK(BM_LoadRules)->Unit(benchmark::kMillisecond);

void BM_CompileRules(benchmark::State& state) {
    for (auto _ : state) {
        metrex::Diagnostics d;
        benchmark::DoNotOptimize(metrex::compile::compile(specs(), {}, d));
    }
    state.counters["rules"] = static_cast<double>(compiled()->size());
}
BENCHMARK(BM_CompileRules)->Unit(benchmark::kMillisecond);

void BM_Normalise(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(metrex::text::normalise(corpus()));
    set_bytes(state, corpus().size());
}
BENCHMARK(BM_Normalise)->Unit(benchmark::kMillisecond);

void BM_Segment(benchmark::State& state) {
    const auto doc = metrex::text::normalise(corpus());
    for (auto _ : state) benchmark::DoNotOptimize(metrex::segment::segment(doc.normalised()));
    set_bytes(state, corpus().size());
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

// Degenerate long lines (only openers, only 一是 …) must stay linear: compare the
// per-byte rate of 1 MiB and 8 MiB inputs (ratio near 1; quadratic would be 8).
void BM_SegmentPathological(benchmark::State& state) {
    static const std::vector<std::string> units = {"法治政府建设,", "《(“", "》)”", "“一。", "一是"};
    const std::string& unit = units[static_cast<std::size_t>(state.range(0))];
    std::string text;
    while (text.size() < static_cast<std::size_t>(state.range(1)) << 20) text += unit;
    for (auto _ : state) benchmark::DoNotOptimize(metrex::segment::segment(text));
    set_bytes(state, text.size());
    state.SetLabel(unit);
}
BENCHMARK(BM_SegmentPathological)->ArgsProduct({{0, 1, 2, 3, 4}, {1, 8}})->Unit(benchmark::kMillisecond);

// The whole document path after decoding: normalise, segment, match, build records.
void BM_Extract(benchmark::State& state) {
    const auto rules = compiled();
    std::size_t records = 0;
    for (auto _ : state) {
        const auto doc = metrex::text::normalise(corpus());
        records = metrex::match::extract(*rules, "bench", doc).size();
    }
    set_bytes(state, corpus().size());
    state.counters["records"] = static_cast<double>(records);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

// One long document (the samples 20 times over, ~1.3 MB): its bytes/s should be close to
// BM_Extract's. Conflict resolution and change attachment once compared every candidate
// with every other, which made long documents slow down per byte.
void BM_ExtractLongDocument(benchmark::State& state) {
    const auto rules = compiled();
    std::string text;
    for (int i = 0; i < 20; ++i) text += corpus();
    for (auto _ : state) {
        const auto doc = metrex::text::normalise(text);
        benchmark::DoNotOptimize(metrex::match::extract(*rules, "bench", doc));
    }
    set_bytes(state, text.size());
}
BENCHMARK(BM_ExtractLongDocument)->Unit(benchmark::kMillisecond);

// The prefilter's worth: one RE2::Set pass per sentence vs every rule's RE2 on every
// sentence. Compare the two rates in one run.
void BM_Candidates(benchmark::State& state) {
    const auto rules = compiled();
    const auto doc = metrex::text::normalise(corpus());
    const auto seg = metrex::segment::segment(doc.normalised());
    const bool use_set = state.range(0) == 1;
    for (auto _ : state) {
        std::size_t hits = 0;
        for (const auto& s : seg.sentences) {
            const std::string_view text = std::string_view(doc.normalised()).substr(s.range.begin, s.range.end - s.range.begin);
            if (use_set) {
                hits += rules->candidates(text).size();
            } else {
                for (std::size_t i = 0; i < rules->size(); ++i) hits += !rules->find_all(i, text).empty();
            }
        }
        benchmark::DoNotOptimize(hits);
    }
    set_bytes(state, corpus().size());
    state.SetLabel(use_set ? "RE2::Set prefilter" : "every rule");
}
BENCHMARK(BM_Candidates)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
