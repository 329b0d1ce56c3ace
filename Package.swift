// swift-tools-version: 6.0
// Echt: real photographs into professional headshots, on the user's own machine.
// Module layering (dependencies point down only), see ../shared/docs/design.md:
//   EchtInference   — .tflite reader + CPU kernels (no dependencies)
//   EchtImaging     — image value type, libvips I/O, colour, filters (CVipsShim), PNG writer (CIsal), JPEG writer (CJPEG)
//   EchtVision      — faces, mesh, iris, person matte, quality measures
//   EchtStudio      — looks, framing, backdrop, light, retouch, the pipeline
//   CPrefetch       — a cache prefetch hint (header only), for EchtVision's and EchtStudio's gathers
//   EchtCredentials — C2PA (JUMBF, CBOR, COSE), XMP/IPTC, signing keys
//   EchtStudioCredentials — signs studio outputs with Content Credentials (studio + credentials)
//   echt            — the command line
import Foundation
import PackageDescription

/// The pkg-config name of libvips. Debian's vips.pc carries `-pthread`, which SwiftPM refuses
/// with a warning on every build; `make setup` writes `.build-pkgconfig/echt-vips.pc` with the
/// same flags without it, and the Makefile puts that folder on PKG_CONFIG_PATH. A bare
/// `swift build` falls back to vips.pc (and its warning).
let vipsPkgConfig: String = {
    let searchPath = ProcessInfo.processInfo.environment["PKG_CONFIG_PATH"] ?? ""
    let ours = searchPath.split(separator: ":").contains { FileManager.default.fileExists(atPath: "\($0)/echt-vips.pc") }
    return ours ? "echt-vips" : "vips"
}()

/// The image and model modules' SIMD code: on an x86-64 Linux host with AVX2 and FMA, compile
/// for that instruction set (Swift has no runtime dispatch); `ECHT_PORTABLE=1` keeps the
/// baseline. Swift does not fuse or reorder float arithmetic on its own, so outputs are the
/// same bytes either way (checked on the studio outputs); EchtStudio's passes take ≈3 % less CPU.
let inferenceSettings: [SwiftSetting] = {
    #if os(Linux) && arch(x86_64)
    let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    if ProcessInfo.processInfo.environment["ECHT_PORTABLE"] == nil, flags.contains(" avx2"), flags.contains(" fma") {
        return [.unsafeFlags(["-target-cpu", "haswell"]), .define("ECHT_FMA")]
    }
    return []
    #elseif arch(arm64)
    return [.define("ECHT_FMA")]
    #else
    return []
    #endif
}()

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
            pkgConfig: vipsPkgConfig,
            providers: [.apt(["libvips-dev"])]
        ),
        .target(name: "CVipsShim", dependencies: ["CVips", "CJPEG"]),
        // MARK: C bridge to libjpeg (the JPEG writer, called through CVipsShim)
        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg62-turbo-dev"])]
        ),
        // MARK: C bridge to ISA-L's igzip (the PNG writer's compressor)
        .systemLibrary(
            name: "CIsal",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),

        // MARK: Cache prefetch hint (header only), for the rotated warps and tensor samplers
        .target(name: "CPrefetch"),

        // MARK: Library modules
        .target(name: "EchtInference", swiftSettings: inferenceSettings),
        .target(name: "EchtImaging", dependencies: ["CVipsShim", "CIsal"], swiftSettings: inferenceSettings),
        .target(name: "EchtVision", dependencies: ["EchtInference", "EchtImaging", "CPrefetch"], swiftSettings: inferenceSettings),
        .target(name: "EchtStudio", dependencies: ["EchtVision", "EchtImaging", "CPrefetch"], swiftSettings: inferenceSettings),
        .target(
            name: "EchtCredentials",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(name: "EchtStudioCredentials", dependencies: ["EchtStudio", "EchtCredentials", "EchtImaging"]),

        // MARK: Executables
        .executableTarget(
            name: "echt",
            dependencies: [
                "EchtStudio", "EchtStudioCredentials", "EchtCredentials", "EchtVision", "EchtImaging", "EchtInference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "echt-bench",
            dependencies: ["EchtStudio", "EchtStudioCredentials", "EchtCredentials", "EchtVision", "EchtImaging", "EchtInference"]
        ),

        // MARK: Tests
        .target(name: "EchtTestSupport", dependencies: ["EchtImaging"], path: "Tests/EchtTestSupport"),
        .testTarget(name: "EchtInferenceTests", dependencies: ["EchtInference", "EchtTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "EchtImagingTests", dependencies: ["EchtImaging", "EchtTestSupport"]),
        .testTarget(name: "EchtVisionTests", dependencies: ["EchtVision", "EchtTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "EchtStudioTests", dependencies: ["EchtStudio", "EchtTestSupport"]),
        .testTarget(name: "EchtCredentialsTests", dependencies: ["EchtCredentials", "EchtTestSupport"]),
        .testTarget(name: "EchtCLITests", dependencies: ["EchtTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
