// swift-tools-version: 6.0
// Echt: real photographs into professional headshots, on the user's own machine.
// Module layering (dependencies point down only), see ../shared/docs/design.md:
//   EchtInference   — .tflite reader + CPU kernels (no dependencies)
//   EchtImaging     — image value type, libvips I/O, colour, filters (CVipsShim)
//   EchtVision      — faces, mesh, iris, person matte, quality measures
//   EchtStudio      — looks, framing, backdrop, light, retouch, the pipeline
//   EchtCredentials — C2PA (JUMBF, CBOR, COSE), XMP/IPTC, signing keys
//   echt            — the command line
import PackageDescription

let package = Package(
    name: "Echt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "echt", targets: ["echt"]),
        .library(name: "EchtStudio", targets: ["EchtStudio"]),
        .library(name: "EchtCredentials", targets: ["EchtCredentials"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        // MARK: C bridge to libvips
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(name: "CVipsShim", dependencies: ["CVips"]),

        // MARK: Library modules
        .target(name: "EchtInference"),
        .target(name: "EchtImaging", dependencies: ["CVipsShim"]),
        .target(name: "EchtVision", dependencies: ["EchtInference", "EchtImaging"]),
        .target(name: "EchtStudio", dependencies: ["EchtVision", "EchtImaging"]),
        .target(
            name: "EchtCredentials",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),

        // MARK: Executables
        .executableTarget(
            name: "echt",
            dependencies: [
                "EchtStudio", "EchtCredentials", "EchtVision", "EchtImaging", "EchtInference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "echt-bench",
            dependencies: ["EchtStudio", "EchtVision", "EchtImaging", "EchtInference"]
        ),

        // MARK: Tests
        .target(name: "EchtTestSupport", dependencies: ["EchtImaging"], path: "Tests/EchtTestSupport"),
        .testTarget(name: "EchtInferenceTests", dependencies: ["EchtInference", "EchtTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "EchtImagingTests", dependencies: ["EchtImaging", "EchtTestSupport"]),
        .testTarget(name: "EchtVisionTests", dependencies: ["EchtVision", "EchtTestSupport"]),
        .testTarget(name: "EchtStudioTests", dependencies: ["EchtStudio", "EchtTestSupport"]),
        .testTarget(name: "EchtCredentialsTests", dependencies: ["EchtCredentials", "EchtTestSupport"]),
        .testTarget(name: "EchtCLITests", dependencies: ["EchtTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
