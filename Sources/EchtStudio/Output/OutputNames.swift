import Foundation

/// The predictable file names of one photo's outputs:
/// `<look>.jpg`, `<look>-<preset>.jpg`, `<look>-cutout.png`, `sheet.html`, `sheet.png`;
/// with one headshot per face, each name starts with `face<N>-`.
struct OutputNames: Sendable {
    let folder: URL
    let eachFace: Bool

    private func base(look: String, face: Int) -> String { eachFace ? "face\(face)-\(look)" : look }
    func headshot(look: String, face: Int) -> URL { folder.appendingPathComponent(base(look: look, face: face) + ".jpg") }
    func preset(look: String, face: Int, preset: String) -> URL { folder.appendingPathComponent(base(look: look, face: face) + "-\(preset).jpg") }
    func cutout(look: String, face: Int) -> URL { folder.appendingPathComponent(base(look: look, face: face) + "-cutout.png") }
    var sheet: URL { folder.appendingPathComponent("sheet.html") }
    var sheetImage: URL { folder.appendingPathComponent("sheet.png") }
    var inputPreview: URL { folder.appendingPathComponent("input-preview.jpg") }

    /// Every file a run could write.
    func all(faces: [Int], looks: [Look], presets: [OutputPreset]) -> [URL] {
        var urls = [sheet, sheetImage, inputPreview]
        for face in faces {
            for look in looks {
                urls.append(headshot(look: look.name, face: face))
                urls.append(cutout(look: look.name, face: face))
                urls += presets.map { preset(look: look.name, face: face, preset: $0.name) }
            }
        }
        return urls
    }

    /// Throws before any work when a file exists and overwriting was not asked for.
    func checkFree(faces: [Int], looks: [Look], presets: [OutputPreset], force: Bool) throws(StudioError) {
        guard !force else { return }
        if let taken = all(faces: faces, looks: looks, presets: presets).first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            throw .outputExists(taken.path)
        }
    }
}
