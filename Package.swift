// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "avitui",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "avitui", targets: ["avitui"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.3.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // No pkgConfig: its -D_XOPEN_SOURCE flags are prohibited by SwiftPM (a warning); the shim defines what is needed.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "AviAPI", dependencies: ["CCurl"]),
        .target(name: "Console", dependencies: [
            "AviAPI",
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], resources: [
            // The shipped themes, compiled into the binary (PackageResources): no generated copy.
            .embedInCode("Themes/Builtin/default.toml"),
            .embedInCode("Themes/Builtin/light.toml"),
            .embedInCode("Themes/Builtin/solarized-dark.toml"),
            .embedInCode("Themes/Builtin/high-contrast.toml"),
            .embedInCode("Themes/Builtin/mono.toml"),
        ]),
        .target(name: "TerminalUI", dependencies: ["Console", "AviAPI", "CNcurses"]),
        .target(name: "Simulator", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),
        // Prometheus exposition and the GET-only listener of `avitui exporter`: Console and AviAPI's models, never the transport.
        .target(name: "Exporter", dependencies: [
            "Console", "AviAPI",
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .executableTarget(name: "avitui", dependencies: [
            "AviAPI", "Console", "TerminalUI", "Simulator", "Exporter",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "AviAPITests", dependencies: ["AviAPI", "Simulator"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Simulator"]),
        // Golden/: whole-screen golden files, read by GoldenScreenTests from the source tree.
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "Console", "Simulator"], exclude: ["Golden"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", .product(name: "X509", package: "swift-certificates")]),
        .testTarget(name: "ExporterTests", dependencies: ["Exporter", "Console", "AviAPI", "Simulator"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Simulator"]),
    ],
    swiftLanguageModes: [.v6]
)
