import EchtImaging
import EchtVision
import Foundation

/// What a run hands on: the rendered looks' reports, their files, the photo's report.
extension StudioSession {
    /// The rendered looks' reports and sheet tiles in job order. With one headshot per person, a
    /// face the matte misses or the photo's edge cuts is skipped, not fatal: `skipped` gets each
    /// such message once. Throws the first other failure, or `noFace` when nothing rendered.
    func finishedHeadshots(_ results: [Result<(HeadshotReport, Image), StudioError>], jobs: [((Int, Face), Look)], eachFace: Bool,
                           name: String, skipped: (String) -> Void) throws(StudioError) -> [(HeadshotReport, Image)] {
        var finished: [(HeadshotReport, Image)] = [], messages: Set<String> = []
        for (index, outcome) in results.enumerated() {
            switch outcome {
            case let .success(value): finished.append(value)
            case let .failure(error):
                if eachFace, error.skipsOneFace {
                    let message = "echt studio: skipped face \(jobs[index].0.0) of \(name): \(error.skipReason)\n"
                    if messages.insert(message).inserted { skipped(message) }
                    continue
                }
                throw error
            }
        }
        guard !finished.isEmpty else { throw .noFace(name) }
        return finished
    }

    /// The run's report before its time is known (`width`×`height`: the photo's size); of
    /// `analysis` only the faces are counted.
    func photoReport(file: URL, folder: URL, width: Int, height: Int, analysis: StudioAnalysis, headshots: [HeadshotReport],
                     names: OutputNames) -> PhotoReport {
        PhotoReport(input: file.path, folder: folder.path, width: width, height: height,
                    faces: analysis.faces.count, headshots: headshots,
                    sheet: names.sheet.path, sheetImage: names.sheetImage.path, seconds: 0)
    }

    /// One file to encode, sign and write.
    struct OutputFile: Sendable {
        var image: Image
        /// A separate straight alpha plane for `image` (the cut-out), if any.
        var alpha: Image?
        var url: URL
        var encoding: EncodeOptions
        var edits: [EditAction]
    }

    /// One result's files, the longest to encode first so that the last look's files end together
    /// on the workers: the cut-out, the headshot, its preset sizes.
    func outputFiles(_ result: StudioResult, face: Int, names: OutputNames, quality: Int) -> [OutputFile] {
        let look = result.look.name
        let jpeg = EncodeOptions(format: .jpeg, quality: quality)
        var files = [
            OutputFile(image: result.cutoutLayers.person, alpha: result.cutoutLayers.alpha, url: names.cutout(look: look, face: face),
                       encoding: EncodeOptions(format: .png), edits: result.edits),
            OutputFile(image: result.headshot, url: names.headshot(look: look, face: face), encoding: jpeg, edits: result.edits),
        ]
        for preset in result.presets.sorted(by: { $0.image.pixels.count > $1.image.pixels.count }) {
            var edits = result.edits
            edits.append(EditAction(action: "c2pa.resized", description: "Cut and scaled to \(preset.preset.width)×\(preset.preset.height) for \(preset.preset.name).",
                                    parameters: ["preset": preset.preset.name]))
            files.append(OutputFile(image: preset.image, url: names.preset(look: look, face: face, preset: preset.preset.name),
                                    encoding: jpeg, edits: edits))
        }
        return files
    }

    /// The report of one written result.
    func headshotReport(_ result: StudioResult, face: Int, names: OutputNames, options: Options) -> HeadshotReport {
        let look = result.look.name
        return HeadshotReport(look: look, face: face, file: names.headshot(look: look, face: face).path,
                              width: result.framing.width, height: result.framing.height,
                              sizes: result.presets.map { names.preset(look: look, face: face, preset: $0.preset.name).path },
                              cutout: names.cutout(look: look, face: face).path, honesty: result.honesty,
                              levelDegrees: result.framing.levelDegrees, scale: result.framing.transform.scale,
                              notes: result.notes, edits: result.edits, signed: options.signer != nil,
                              advice: result.advice)
    }
}
