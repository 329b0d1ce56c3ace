import ArgumentParser
import EchtImaging
import Foundation

/// `echt info FILE...`: what an image file's header says, without decoding its pixels.
struct Info: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show format, size, orientation, colour profile, camera, date, GPS and Content Credentials of image files."
    )

    @Argument(help: "Image files (JPEG, PNG, HEIC/HEIF, AVIF, WebP, TIFF, JPEG XL).")
    var files: [String]

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one image file.") }
    }

    func run() async throws {
        try await reportingErrors {
            var infos: [ImageInfo] = []
            var failed = false
            for file in files {
                do {
                    let info = try ImageFile.info(contentsOf: URL(fileURLWithPath: file))
                    infos.append(info)
                    if !output.json { printLine((infos.count > 1 ? "\n" : "") + Self.text(for: info)) }
                } catch {
                    reportError(error)
                    failed = true
                }
            }
            if output.json { printLine(try Self.json(for: infos)) }
            if failed { throw ExitCode.failure }
        }
    }

    /// The JSON array printed by `--json`.
    static func json(for infos: [ImageInfo]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(infos), as: UTF8.self)
    }

    /// The human-readable block for one file.
    static func text(for info: ImageInfo) -> String {
        let camera = [info.metadata.cameraMake, info.metadata.cameraModel].compactMap { $0 }.joined(separator: " ")
        let rows: [(String, String)] = [
            ("format", "\(info.format.displayName) (\(info.loader))"),
            ("size", "\(info.width) x \(info.height)" + (info.orientation >= 5 ? " (shown as \(info.uprightWidth) x \(info.uprightHeight))" : "")),
            ("orientation", "\(info.orientation) (\(orientationName(info.orientation)))"),
            ("colour", "\(info.colourModel), \(info.channels) channel\(info.channels == 1 ? "" : "s"), \(info.bitDepth)-bit"),
            ("ICC profile", info.iccProfileDescription ?? "none (treated as sRGB)"),
            ("resolution", resolution(info)),
            ("camera", camera.isEmpty ? "unknown" : camera),
            ("captured", info.metadata.captureDate ?? "unknown"),
            ("GPS", info.hasGPS ? "present" : "none"),
            ("C2PA", info.hasC2PAManifest ? "manifest present" : "none"),
        ]
        return ([info.path] + rows.map { "  " + $0.0.padding(toLength: 13, withPad: " ", startingAt: 0) + $0.1 })
            .joined(separator: "\n")
    }

    /// "300 dpi (16.3 x 20.3 cm)": the stated resolution and the print size it gives.
    private static func resolution(_ info: ImageInfo) -> String {
        let ppi = info.pixelsPerInch
        guard ppi > 0 else { return "not stated" }
        let width = Double(info.uprightWidth) / ppi * 2.54, height = Double(info.uprightHeight) / ppi * 2.54
        return String(format: "%.0f dpi (%.1f x %.1f cm)", ppi, width, height)
    }

    private static func orientationName(_ value: Int) -> String {
        switch value {
        case 1: "upright"
        case 2: "mirrored"
        case 3: "upside down"
        case 4: "upside down, mirrored"
        case 5: "turned, mirrored"
        case 6: "turned 90° clockwise to show"
        case 7: "turned, mirrored"
        case 8: "turned 90° anticlockwise to show"
        default: "unknown"
        }
    }
}
