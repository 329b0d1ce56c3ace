import Foundation

/// The predictable file names of one photo's outputs:
/// `<look>.jpg`, `<look>-<preset>.jpg`, `<look>-cutout.png`, and the contact sheet
/// `sheet.html`, `sheet.png`, `input-preview.jpg` with its index `sheet.json`; with one headshot
/// per face, each look's names start with `face<N>-`.
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
    /// What the contact sheet shows, so a later run with other looks can add to it.
    var sheetIndex: URL { folder.appendingPathComponent("sheet.json") }
    /// The contact sheet's files; Echt keeps them up to date on every run into the folder.
    var sheetFiles: [URL] { [sheet, sheetImage, inputPreview, sheetIndex] }

    /// Every headshot file a run could write (the looks' files, not the contact sheet).
    func headshotFiles(faces: [Int], looks: [Look], presets: [OutputPreset]) -> [URL] {
        var urls: [URL] = []
        for face in faces {
            for look in looks {
                urls.append(headshot(look: look.name, face: face))
                urls.append(cutout(look: look.name, face: face))
                urls += presets.map { preset(look: look.name, face: face, preset: $0.name) }
            }
        }
        return urls
    }

    /// Throws when two outputs of the run would share a file name (compared without case, as some
    /// file systems do): a look named `professional-square-800` beside `professional` and its
    /// `square-800` size, or a look named `input-preview`.
    func checkDistinct(faces: [Int], looks: [Look], presets: [OutputPreset]) throws(StudioError) {
        var named: [(URL, String)] = [(inputPreview, "the contact sheet's input preview")]
        for face in faces {
            let person = eachFace ? " of face \(face)" : ""
            for look in looks {
                named.append((headshot(look: look.name, face: face), "the look \(look.name)'s headshot\(person)"))
                named.append((cutout(look: look.name, face: face), "the look \(look.name)'s cut-out\(person)"))
                named += presets.map { (preset(look: look.name, face: face, preset: $0.name), "the look \(look.name)'s \($0.name) size\(person)") }
            }
        }
        var first: [String: String] = [:]
        for (url, what) in named {
            let key = url.lastPathComponent.lowercased()
            if let earlier = first[key] { throw .outputNameClash(file: url.lastPathComponent, first: earlier, second: what) }
            first[key] = what
        }
    }

    /// Throws before any work when a headshot file exists and overwriting was not asked for.
    /// The contact sheet is Echt's own index of the folder and is brought up to date, unless
    /// its files are there without `sheet.json` (then they are not Echt's to replace).
    /// A sheet made from another photo (`input`: this run's photo) is not this run's to add to.
    func checkFree(faces: [Int], looks: [Look], presets: [OutputPreset], force: Bool, input: URL) throws(StudioError) {
        guard !force else { return }
        let exists = { (url: URL) in FileManager.default.fileExists(atPath: url.path) }
        if let taken = headshotFiles(faces: faces, looks: looks, presets: presets).first(where: exists) {
            throw .outputExists(taken.path)
        }
        guard let index = SheetIndex.read(self) else {
            if let taken = sheetFiles.first(where: exists) { throw .outputExists(taken.path) }
            return
        }
        if URL(fileURLWithPath: index.input).resolvedPath != input.resolvedPath {
            throw .folderOfAnotherPhoto(folder.path, photo: index.input)
        }
    }
}
