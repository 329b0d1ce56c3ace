import ArgumentParser
import EchtImaging
import EchtStudio
import EchtVision
import Foundation

/// `echt analyse FILE...`: faces, landmarks and quality report per photo.
struct Analyse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyse",
        abstract: "Finds every face, its 468 landmarks and irises, and reports pose, eyes, mouth, size, sharpness, exposure, skin colour and noise.",
        discussion: "Photos are analysed upright (EXIF orientation applied). No face is reported as 'no face found' with exit code 0."
    )

    @Argument(help: "Photos to analyse (JPEG, PNG, HEIC, AVIF, WebP, TIFF, JPEG XL), or folders of them.")
    var files: [String]

    @OptionGroup var output: OutputOptions

    @Flag(help: "Include the 468 landmarks per face in the JSON.")
    var landmarks = false

    @Option(help: "Write an overlay PNG (boxes, mesh, irises). With several photos, the photo's name is added before .png.")
    var overlay: String?

    @Option(help: "Write the person cut-out as an RGBA PNG (foreground colour + alpha matte). With several photos, the photo's name is added before .png.")
    var matte: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one photo.") }
        for path in [overlay, matte].compactMap({ $0 }) where !path.lowercased().hasSuffix(".png") {
            throw ValidationError("expected a .png path for --overlay/--matte but received \(path)")
        }
        if landmarks && !output.json { throw ValidationError("--landmarks only applies together with --json") }
    }

    func run() async throws {
        try await reportingErrors {
            let analyzer = try PortraitAnalyzer()
            let photos = RunFolders.distinct(try RunPhotos.expand(files.map { URL(fileURLWithPath: $0) })).files
            let names = RunFolders.names(for: photos)
            try refuseWritingOverInputs(photos: photos, names: names)
            try makeOutputFolders(several: photos.count > 1, names: names)
            var failed = false
            for (file, name) in zip(photos, names) {
                do { try analyse(file, name: name, several: photos.count > 1, with: analyzer) } catch {
                    reportError(error)
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    /// Analyses one photo: prints the report (a JSON line with `--json`), writes the images asked
    /// for (named after `name`, unique in the run, when the run has `several` photos).
    func analyse(_ url: URL, name: String, several: Bool, with analyzer: PortraitAnalyzer) throws {
        let file = url.relativePath
        let photo = try PhotoIO.read(url)
        let analysis = try analyzer.analyse(photo, matte: matte != nil)
        if output.json {
            struct Line: Encodable { let file: String; let analysis: PortraitAnalysis.Summary }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            printLine(String(decoding: try encoder.encode(Line(file: file, analysis: analysis.summary(includeLandmarks: landmarks))), as: UTF8.self))
        } else {
            printLine("\(file) (\(photo.width)x\(photo.height)):")
            printLine(analysis.textReport.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        if let overlay {
            try PhotoIO.writePNG(AnalysisOverlay.render(analysis, on: photo), to: outputURL(overlay, for: several ? name : nil))
        }
        if let matte, let personMatte = analysis.matte {
            try PhotoIO.writePNG(PhotoIO.cutout(personMatte), to: outputURL(matte, for: several ? name : nil))
        }
    }

    /// Refuses, before any work, an overlay or matte that would be written over one of the photos
    /// or over the other image: Echt never replaces an input.
    func refuseWritingOverInputs(photos: [URL], names: [String]) throws {
        let inputs = Set(photos.map { $0.resolvedPath })
        for name in names {
            let several = photos.count > 1 ? name : nil
            let written = [("--overlay", overlay), ("--matte", matte)].compactMap { flag, path in
                path.map { (flag, outputURL($0, for: several).resolvedPath) }
            }
            for (flag, path) in written where inputs.contains(path) { throw AnalyseError.overInput(flag: flag, path: path) }
            if written.count == 2 && written[0].1 == written[1].1 { throw AnalyseError.sameFile }
        }
    }

    /// Makes, before any work, the folders the overlay and matte go to, as `echt studio` makes
    /// its output folder; a folder that cannot be made stops the run before any photo is read.
    func makeOutputFolders(several: Bool, names: [String]) throws {
        for path in [overlay, matte].compactMap({ $0 }) {
            let folder = outputURL(path, for: several ? names.first : nil).deletingLastPathComponent()
            do { try OutputFolder.make(folder) } catch { throw AnalyseError.folderRefused(error) }
        }
    }

    /// `path` itself for a run of one photo; `<path minus .png>-<name>.png` for several.
    func outputURL(_ path: String, for name: String?) -> URL {
        guard let name else { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: "\(path.dropLast(4))-\(name).png")
    }
}

/// Why `echt analyse` refuses its outputs before any work (exit code 1).
enum AnalyseError: Error, CustomStringConvertible {
    /// An overlay or matte would be written over one of the photos being analysed.
    case overInput(flag: String, path: String)
    /// `--overlay` and `--matte` name one file.
    case sameFile
    /// The folder for the overlay or matte cannot be made.
    case folderRefused(OutputFolder.Refusal)

    var description: String {
        switch self {
        case let .overInput(flag, path):
            "\(flag) \(path) is one of the photos being analysed; Echt never writes over a photo. Choose another file name."
        case .sameFile: "--overlay and --matte name the same file; give each its own name."
        case let .folderRefused(refusal): "\(refusal)"
        }
    }
}

/// Photo file I/O for the command, through EchtImaging.
enum PhotoIO {
    /// Decodes a photo upright (EXIF orientation applied) into the working space.
    static func read(_ url: URL) throws -> Image { try ImageFile.decode(contentsOf: url).image }

    /// Writes a PNG, replacing an existing file.
    static func writePNG(_ image: Image, to url: URL) throws {
        try ImageFile.write(image, to: url, options: EncodeOptions(format: .png), overwrite: true)
    }

    /// The matte as an RGBA cut-out: estimated foreground colour with the alpha matte.
    static func cutout(_ matte: PersonMatte) -> Image {
        let n = matte.alpha.width * matte.alpha.height
        var pixels = [Float](repeating: 0, count: n * 4)
        for i in 0..<n {
            for k in 0..<3 { pixels[i * 4 + k] = matte.foreground.pixels[i * 3 + k] }
            pixels[i * 4 + 3] = matte.alpha.pixels[i]
        }
        return Image(width: matte.alpha.width, height: matte.alpha.height, channels: 4, pixels: pixels)
    }
}
