import ArgumentParser
import EchtCredentials
import EchtStudio
import EchtStudioCredentials
import Foundation

/// `echt studio FILE...`: one finished headshot per look, web sizes, a cut-out and a contact sheet.
struct Studio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "Turns photos into studio headshots: every pixel of the person from the real photo.",
        discussion: """
        Writes OUT/<photo>/<look>.jpg, <look>-<size>.jpg, <look>-cutout.png, sheet.html and sheet.png.
        Standard sizes: \(OutputPreset.standard.map { "\($0.name) (\($0.width)×\($0.height))" }.joined(separator: ", ")).
        Built-in looks (default: \(Look.defaultNames.joined(separator: ", "))):
        \(lookList)
        """
    )

    /// One line per built-in look: its name and what it does.
    static var lookList: String {
        Look.builtIn.keys.sorted().map { name in
            "  " + name.padding(toLength: 13, withPad: " ", startingAt: 0) + Look.builtIn[name]!.summary
        }.joined(separator: "\n")
    }

    @Argument(help: "Photos to turn into headshots (JPEG, PNG, HEIC, AVIF, WebP, TIFF, JPEG XL), or folders of them.")
    var files: [String] = []

    @Option(name: .customLong("look"), help: "A built-in look name or a look .json file; repeat for several.")
    var looks: [String] = []

    @Option(help: "Output folder.")
    var out: String = "out"

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @OptionGroup var output: OutputOptions

    @Flag(help: "Exit non-zero when an honesty check fails.")
    var strict = false

    @Option(help: "Use face N (1 = largest) in a photo with several faces.")
    var face: Int?

    @Flag(help: "Make one headshot for every face in the photo.")
    var each = false

    @Flag(help: "Write files without Content Credentials (signed by default with your studio key).")
    var noSign = false

    @Option(help: "Print a built-in look as JSON (to copy and edit) and exit.")
    var printLook: String?

    @Option(help: ArgumentHelp("A .json file of the sizes cut from each headshot, instead of the standard ones; 'none' for no sizes.",
                               valueName: "file"))
    var sizes: String?

    @Flag(help: "Print the standard sizes as JSON (to copy and edit) and exit.")
    var printSizes = false

    @Option(help: "JPEG quality of the headshots and sizes, 1 to 100 (below 90 the colour is stored at half resolution, as on most web images).")
    var quality = 92

    func validate() throws {
        if face != nil && each { throw ValidationError("Use either --face N or --each, not both.") }
        if !(1...100).contains(quality) { throw ValidationError("expected a JPEG quality from 1 to 100 for --quality but received \(quality).") }
        if let face, face < 1 { throw ValidationError("expected a face number of 1 or more for --face but received \(face).") }
        if printLook != nil && printSizes { throw ValidationError("Use either --print-look or --print-sizes, not both.") }
        if printLook == nil && !printSizes && files.isEmpty { throw ValidationError("Name at least one photo, e.g. echt studio selfie.jpg.") }
        if (printLook != nil || printSizes) && !files.isEmpty {
            throw ValidationError("--print-look and --print-sizes only print and take no photos; run them without \(files[0]).")
        }
        if out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out needs a folder name, e.g. --out headshots.") }
    }

    func run() async throws {
        try await reportingErrors { try studio() }
    }

    var json: Bool { output.json }

    func studio() throws {
        if let printLook {
            print(try Look.named(printLook).jsonDocument())
            return
        }
        if printSizes {
            print(OutputPreset.jsonDocument(OutputPreset.standard))
            return
        }
        var chosen: [Look] = []
        for name in looks.isEmpty ? Look.defaultNames : looks {
            let look = try Look.named(name)
            if chosen.contains(look) {
                FileHandle.standardError.write(Data("echt: the look \(name) is named more than once; it is made once.\n".utf8))
            } else {
                chosen.append(look)
            }
        }
        let presets: [OutputPreset]
        switch sizes {
        case nil: presets = OutputPreset.standard
        case "none": presets = []
        case let path?: presets = try OutputPreset.load(from: URL(fileURLWithPath: path))
        }
        let options = StudioSession.Options(looks: chosen, outDirectory: URL(fileURLWithPath: out), force: force,
                                            faceIndex: face, eachFace: each, presets: presets, signer: noSign ? nil : KeyOnFirstUseSigner(),
                                            quality: quality)
        try options.check()
        let session = try StudioSession()
        Interruption.takeBackUnfinishedPhotos()
        var reports: [PhotoReport] = [], failures: [StudioRunSummary.NotMade] = []
        let (photos, repeated) = RunFolders.distinct(try RunPhotos.expand(files.map { URL(fileURLWithPath: $0) }))
        for file in repeated {
            FileHandle.standardError.write(Data("echt: \(file.relativePath) is named more than once; it is made once.\n".utf8))
        }
        let folders = RunFolders.names(for: photos)
        // Each photo's successor is decoded while it is made (on the core its stages leave idle),
        // unless it is very large.
        var prefetch: PhotoPrefetch?
        for (index, (file, folder)) in zip(photos, folders).enumerated() {
            let current = prefetch
            prefetch = index + 1 < photos.count ? PhotoPrefetch.starting(file: photos[index + 1]) : nil
            if photos.count > 1 && !json { FileHandle.standardError.write(Data("[\(index + 1)/\(photos.count)] \(file.relativePath)…\n".utf8)) }
            if folder != file.deletingPathExtension().lastPathComponent && !json {
                FileHandle.standardError.write(Data("  another photo of this run has the same name, so this one's folder is \(folder)/\n".utf8))
            }
            do {
                let report = try session.run(file: file, folderName: folder, options: options, prefetched: current)
                reports.append(report)
                if !json { printLine(Self.summary(report)) }
            } catch {
                Interruption.parkIfInterrupted()
                failures.append(.init(input: file.path, error: String(describing: error)))
                reportError(error)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(StudioRunSummary(photos: reports, notMade: failures)), as: UTF8.self))
        }
        if photos.count > 1 && !json, let advised = PhotoAdvice.summary(of: reports) {
            FileHandle.standardError.write(Data("echt: another frame of the shoot may serve better for \(advised.photos) of \(photos.count) photos: \(advised.list).\n".utf8))
        }
        if photos.count > 1 && !failures.isEmpty {
            FileHandle.standardError.write(Data("echt: made headshots of \(reports.count) of \(photos.count) photos; not made (reasons above): \(failures.map(\.input).joined(separator: ", ")).\n".utf8))
        }
        if !failures.isEmpty { throw ExitCode.failure }
        if strict, let failed = reports.first(where: { !$0.passed }) {
            FileHandle.standardError.write(Data("echt studio: an honesty check failed for \(failed.input) (see \(failed.sheet)).\n".utf8))
            throw ExitCode(2)
        }
    }

    /// What `echt studio --json` prints: every photo made, and every photo not made with the reason.
    struct StudioRunSummary: Encodable {
        /// A photo the run could not make headshots of.
        struct NotMade: Encodable {
            let input: String
            let error: String
        }
        let photos: [PhotoReport]
        let notMade: [NotMade]
    }

    /// The terminal summary of one photo: a line per headshot with its honesty figures and its
    /// notes; a headshot with the same notes as an earlier one (same framing) points to it.
    static func summary(_ report: PhotoReport) -> String {
        var lines = ["\(report.input) → \(report.folder)/ (\(String(format: "%.1f", report.seconds)) s)"]
        for (index, h) in report.headshots.enumerated() {
            let landmarks = h.honesty.landmarkErrorMean.map { String(format: "landmarks %.2f px", $0) } ?? "landmarks not re-found"
            let geometry = h.honesty.geometryError.map { String(format: "face position %.2f px", $0) } ?? "face position not measured"
            lines.append("  \(URL(fileURLWithPath: h.file).lastPathComponent)  \(h.width)×\(h.height)  texture kept \(String(format: "%.0f", h.honesty.skinTextureKept * 100)) %  \(geometry)  \(landmarks)  \(h.honesty.passed ? "ok" : "CHECK: " + h.honesty.failures.joined(separator: "; "))")
            if !h.notes.isEmpty, let same = report.headshots[..<index].first(where: { $0.notes == h.notes }) {
                lines.append("    notes as for \(URL(fileURLWithPath: same.file).lastPathComponent)")
            } else {
                for note in h.notes { lines.append("    note: \(note)") }
            }
        }
        lines.append("  contact sheet: \(report.sheet)")
        return lines.joined(separator: "\n")
    }
}
