import EchtImaging
import EchtVision
import Foundation

/// Runs the studio on photo files: decode → analyse → render every look → encode, sign and
/// write the files atomically → contact sheet. The command line and the server call this.
public struct StudioSession: Sendable {
    /// Settings for a run.
    public struct Options: Sendable {
        /// The looks to render, in order.
        public var looks: [Look]
        /// Root output folder; each photo gets `<out>/<stem>/`.
        public var outDirectory: URL
        /// Replace existing files.
        public var force: Bool
        /// Which face (1 = largest); nil = largest.
        public var faceIndex: Int?
        /// One headshot per face in the photo.
        public var eachFace: Bool
        /// Sizes cut from each headshot.
        public var presets: [OutputPreset]
        /// Adds Content Credentials; nil writes unsigned files.
        public var signer: (any OutputSigner)?
        /// Re-detect landmarks on every output for the geometry check.
        public var verify: Bool
        /// JPEG quality.
        public var quality: Int

        /// Creates options with the default looks and presets.
        public init(looks: [Look] = Look.defaultNames.map { Look.builtIn[$0]! }, outDirectory: URL = URL(fileURLWithPath: "out"),
                    force: Bool = false, faceIndex: Int? = nil, eachFace: Bool = false, presets: [OutputPreset] = OutputPreset.standard,
                    signer: (any OutputSigner)? = nil, verify: Bool = true, quality: Int = 92) {
            self.looks = looks; self.outDirectory = outDirectory; self.force = force; self.faceIndex = faceIndex
            self.eachFace = eachFace; self.presets = presets; self.signer = signer; self.verify = verify; self.quality = quality
        }
    }

    /// The loaded vision stack.
    public let analyzer: PortraitAnalyzer

    /// Creates a session with a loaded analyzer.
    public init(analyzer: PortraitAnalyzer) { self.analyzer = analyzer }

    /// Loads the models from `modelsDirectory` (default: `ECHT_MODELS` or `~/.cache/echt/models`).
    public init(modelsDirectory: URL = PortraitAnalyzer.defaultModelsDirectory) throws(StudioError) {
        do { analyzer = try PortraitAnalyzer(modelsDirectory: modelsDirectory) } catch { throw .vision(error.description) }
    }

    /// Runs every look on one photo file and writes its folder.
    public func run(file: URL, options: Options) throws(StudioError) -> PhotoReport {
        let start = Date()
        let name = file.lastPathComponent
        let image: Image
        do { image = try ImageFile.decode(contentsOf: file).image } catch { throw .imaging(error.description) }
        Trace.mark("decode \(image.width)x\(image.height)", since: start)
        let mark = Date()
        let analysis = try analyse(image, name: name)
        Trace.mark("analyse", since: mark)
        let folder = options.outDirectory.appendingPathComponent(file.deletingPathExtension().lastPathComponent)
        let faces: [(Int, Face)] = options.eachFace
            ? Array(analysis.facesBySize.enumerated().map { ($0.offset + 1, $0.element) })
            : [(options.faceIndex ?? 1, try StudioPipeline.chooseFace(in: analysis, index: options.faceIndex, sourceName: name))]
        let names = OutputNames(folder: folder, eachFace: options.eachFace)
        try names.checkFree(faces: faces.map(\.0), looks: options.looks, presets: options.presets, force: options.force)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .writeFailed(folder.path, reason: error.localizedDescription)
        }
        let verifier: (any FaceVerifier)? = options.verify ? VisionVerifier(analyzer: analyzer) : nil
        // Every (face, look) pair renders independently; run them on all cores.
        let jobs = faces.flatMap { face in options.looks.map { (face, $0) } }
        let results = ResultSlots<(HeadshotReport, Image)>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let ((number, face), look) = jobs[index]
            results.set(index) { () throws(StudioError) -> (HeadshotReport, Image) in
                let mark = Date()
                let result = try StudioPipeline.render(image: image, analysis: analysis, face: face, look: look,
                                                       options: StudioOptions(presets: options.presets, verifier: verifier, sourceName: name))
                Trace.mark("render \(look.name)", since: mark)
                let report = try write(result, face: number, names: names, source: file, options: options)
                Trace.mark("render+write \(look.name)", since: mark)
                return (report, result.headshot)
            }
        }
        var finished: [(HeadshotReport, Image)] = []
        for (index, outcome) in results.outcomes().enumerated() {
            switch outcome {
            case let .success(value): finished.append(value)
            case let .failure(error):
                // With one headshot per person, a face the matte misses is skipped, not fatal.
                if options.eachFace, case .matteMissesFace = error {
                    FileHandle.standardError.write(Data("echt studio: face \(jobs[index].0.0), \(jobs[index].1.name): \(error)\n".utf8))
                    continue
                }
                throw error
            }
        }
        guard !finished.isEmpty else { throw .noFace(name) }
        let headshots = finished.map(\.0)
        var report = PhotoReport(input: file.path, folder: folder.path, width: image.width, height: image.height,
                                 faces: analysis.faces.count, headshots: headshots,
                                 sheet: names.sheet.path, sheetImage: names.sheetImage.path, seconds: 0)
        let sheetStart = Date()
        try ContactSheet.write(report: report, input: image, headshots: finished, names: names,
                               writer: OutputWriter(source: file, signer: options.signer, force: options.force))
        Trace.mark("contact sheet", since: sheetStart)
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Faces and matte from the vision stack; no face is an error here.
    func analyse(_ image: Image, name: String) throws(StudioError) -> StudioAnalysis {
        let result: PortraitAnalysis
        do { result = try analyzer.analyse(image, matte: true) } catch { throw .vision(error.description) }
        guard !result.faces.isEmpty, let matte = result.matte else { throw .noFace(name) }
        return StudioAnalysis(faces: result.faces.map(\.face), matte: matte)
    }

    /// Encodes, signs and writes one result's files.
    func write(_ result: StudioResult, face: Int, names: OutputNames, source: URL, options: Options) throws(StudioError) -> HeadshotReport {
        let look = result.look.name
        let jpeg = EncodeOptions(format: .jpeg, quality: options.quality)
        let writer = OutputWriter(source: source, signer: options.signer, force: options.force)
        let file = names.headshot(look: look, face: face)
        try writer.write(result.headshot, to: file, encoding: jpeg, edits: result.edits)
        var sizes: [String] = []
        for preset in result.presets {
            let url = names.preset(look: look, face: face, preset: preset.preset.name)
            var edits = result.edits
            edits.append(EditAction(action: "c2pa.resized", description: "Cut and scaled to \(preset.preset.width)×\(preset.preset.height) for \(preset.preset.name).",
                                    parameters: ["preset": preset.preset.name]))
            try writer.write(preset.image, to: url, encoding: jpeg, edits: edits)
            sizes.append(url.path)
        }
        let cutout = names.cutout(look: look, face: face)
        try writer.write(result.cutout, to: cutout, encoding: EncodeOptions(format: .png), edits: result.edits)
        return HeadshotReport(look: look, face: face, file: file.path, width: result.framing.width, height: result.framing.height,
                              sizes: sizes, cutout: cutout.path, honesty: result.honesty,
                              levelDegrees: result.framing.levelDegrees, scale: result.framing.transform.scale,
                              notes: result.notes, edits: result.edits, signed: options.signer != nil)
    }
}

/// Results of concurrent jobs, filled slot by slot under a lock.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, StudioError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ work: () throws(StudioError) -> Value) {
        let outcome: Result<Value, StudioError>
        do { outcome = .success(try work()) } catch { outcome = .failure(error) }
        lock.lock(); slots[index] = outcome; lock.unlock()
    }

    func outcomes() -> [Result<Value, StudioError>] {
        slots.map { $0 ?? .failure(.imaging("a studio job did not finish")) }
    }
}
