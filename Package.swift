// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "scamhub",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scamhub", targets: ["scamhub"]),
        .library(name: "IndicatorModel", targets: ["IndicatorModel"]),
        .library(name: "SharingPolicy", targets: ["SharingPolicy"]),
        .library(name: "HubClient", targets: ["HubClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
    ],
    targets: [
        .target(
            name: "IndicatorModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "SharingPolicy",
            dependencies: [
                "IndicatorModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HubServer",
            dependencies: [
                "IndicatorModel", "SharingPolicy",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(name: "HubClient", dependencies: ["IndicatorModel"], swiftSettings: strict),
        .executableTarget(
            name: "scamhub",
            dependencies: [
                "IndicatorModel", "SharingPolicy", "HubServer", "HubClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "IndicatorModelTests", dependencies: ["IndicatorModel"], exclude: ["Vectors"], swiftSettings: strict),
        .testTarget(name: "SharingPolicyTests", dependencies: ["SharingPolicy", "IndicatorModel"], swiftSettings: strict),
        .testTarget(
            name: "HubServerTests",
            dependencies: ["HubServer", "IndicatorModel", "SharingPolicy", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "HubClientTests", dependencies: ["HubClient", "IndicatorModel"], swiftSettings: strict),
        .testTarget(name: "scamhubTests", dependencies: ["scamhub"], swiftSettings: strict),
    ]
)
