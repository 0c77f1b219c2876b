// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that the main build and CI never compile the
// benchmark harness. Run: `cd Benchmarks && swift package benchmark` (see BENCHMARKS.md).
let package = Package(
    name: "scamhub-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "scamhub", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CanonicalizeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "IndicatorModel", package: "scamhub"),
            ],
            path: "Benchmarks/CanonicalizeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PolicyBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "IndicatorModel", package: "scamhub"),
                .product(name: "SharingPolicy", package: "scamhub"),
            ],
            path: "Benchmarks/PolicyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
