import ArgumentParser
import EchtImaging
import EchtVision
import Foundation

/// `echt analyse FILE...`: faces, landmarks and quality report per photo.
struct Analyse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyse",
        abstract: "Finds every face, its 468 landmarks and irises, and reports pose, eyes, mouth, size, sharpness, exposure, skin colour and noise.",
        discussion: "Photos are analysed upright (EXIF orientation applied). No face is reported as 'no face found' with exit code 0."
    )

    @Argument(help: "Photos to analyse (JPEG, PNG, HEIC, WebP, TIFF).")
    var files: [String]

    @Flag(help: "Print one JSON object per photo instead of text.")
    var json = false

    @Flag(help: "Include the 468 landmarks per face in the JSON.")
    var landmarks = false

    @Option(help: "Write an overlay PNG (boxes, mesh, irises). With several photos, the photo's name is added before .png.")
    var overlay: String?

    @Option(help: "Write the person cut-out as an RGBA PNG (foreground colour + alpha matte). With several photos, the photo's name is added before .png.")
    var matte: String?

    func validate() throws {
        for path in [overlay, matte].compactMap({ $0 }) where !path.lowercased().hasSuffix(".png") {
            throw ValidationError("expected a .png path for --overlay/--matte but received \(path)")
        }
        if landmarks && !json { throw ValidationError("--landmarks only applies together with --json") }
    }

    func run() throws {
        let analyzer = try PortraitAnalyzer()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for file in files {
            let url = URL(fileURLWithPath: file)
            let photo = try PhotoIO.read(url)
            let analysis = try analyzer.analyse(photo, matte: matte != nil)
            if json {
                struct Line: Encodable { let file: String; let analysis: PortraitAnalysis.Summary }
                let data = try encoder.encode(Line(file: file, analysis: analysis.summary(includeLandmarks: landmarks)))
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("\(file) (\(photo.width)x\(photo.height)):")
                print(analysis.textReport.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
            if let overlay {
                try PhotoIO.writePNG(AnalysisOverlay.render(analysis, on: photo), to: outputURL(overlay, for: url))
            }
            if let matte, let personMatte = analysis.matte {
                try PhotoIO.writePNG(PhotoIO.cutout(personMatte), to: outputURL(matte, for: url))
            }
        }
    }

    /// `path` itself for one photo; `<path minus .png>-<photo name>.png` for several.
    func outputURL(_ path: String, for photo: URL) -> URL {
        guard files.count > 1 else { return URL(fileURLWithPath: path) }
        let stem = String(path.dropLast(4)), name = photo.deletingPathExtension().lastPathComponent
        return URL(fileURLWithPath: "\(stem)-\(name).png")
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
