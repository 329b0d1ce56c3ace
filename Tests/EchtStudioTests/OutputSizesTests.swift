import Foundation
import Testing
@testable import EchtStudio

/// The sizes cut from each headshot as a user's document (`echt studio --sizes FILE`): the
/// standard sizes round-trip through the printed JSON, a good file is read as written, and a bad
/// one is refused naming the size, the field and the fix.
@Suite struct OutputSizesTests {
    /// Writes `document` into a fresh folder and loads it.
    func load(_ document: String) throws(StudioError) -> [OutputPreset] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("echt-sizes-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sizes.json")
        try? Data(document.utf8).write(to: file)
        return try OutputPreset.load(from: file)
    }

    @Test func theStandardSizesRoundTripThroughTheirDocument() throws {
        #expect(try load(OutputPreset.jsonDocument(OutputPreset.standard)) == OutputPreset.standard)
        #expect(OutputPreset.problem(with: OutputPreset.standard) == nil)
    }

    @Test func aUsersSizesAreReadAsWrittenAndAnEmptyListMakesNone() throws {
        let sizes = try load(#"[{"name": "passport", "width": 600, "height": 600, "eyeLine": 0.45}, {"name": "intranet_3x4", "width": 300, "height": 400, "eyeLine": 0.35}]"#)
        #expect(sizes == [OutputPreset(name: "passport", width: 600, height: 600, eyeLine: 0.45),
                          OutputPreset(name: "intranet_3x4", width: 300, height: 400, eyeLine: 0.35)])
        #expect(try load("[]").isEmpty)
    }

    @Test(arguments: [
        (#"[{"name": "a", "width": 0, "height": 600, "eyeLine": 0.4}]"#, "size 1: width is 0 but must be from 16 to 10000"),
        (#"[{"name": "a", "width": 600, "height": 600, "eyeLine": 0.9}]"#, "size 1: eyeLine is 0.9 but must be from 0.2 to 0.6"),
        (#"[{"name": "a", "width": 100, "height": 100, "eyeLine": 0.4}, {"name": "b", "width": 4000, "height": 500, "eyeLine": 0.4}]"#,
         "size 2: width / height is 8 but must be from 0.25 to 4"),
        (#"[{"name": "a", "width": 100, "height": 100}]"#, "size 1: the field eyeLine is missing"),
        (#"[{"name": "a", "width": "100", "height": 100, "eyeLine": 0.4}]"#, "size 1: width: expected a whole number"),
        (#"[{"name": "../up", "width": 100, "height": 100, "eyeLine": 0.4}]"#, "size 1: name \"../up\" must be 1 to 40 letters"),
        (#"[{"name": "Cutout", "width": 100, "height": 100, "eyeLine": 0.4}]"#, "name \"Cutout\" is taken by the cut-out's file"),
        (#"[{"name": "x", "width": 100, "height": 100, "eyeLine": 0.4}, {"name": "X", "width": 50, "height": 50, "eyeLine": 0.4}]"#,
         "sizes 1 and 2 are both named \"X\""),
        (#"{"name": "a", "width": 100, "height": 100, "eyeLine": 0.4}"#, "it must be a list of sizes in [ ] brackets"),
        ("[1]", "size 1: expected an object"),
        (#"[{"name": "a""#, "it is not valid JSON"),
        (#"[{"name": "a", "width": 1.5, "height": 100, "eyeLine": 0.4}]"#, "size 1: a number in it does not fit its field"),
    ])
    func aBadSizesFileIsRefusedInPlainWords(document: String, reason: String) throws {
        let error = #expect(throws: StudioError.self) { try load(document) }
        let text = error?.description ?? ""
        #expect(text.contains(reason) && text.contains("sizes.json") && text.contains("--print-sizes") && !text.contains("DecodingError"), "\(text)")
    }

    @Test func moreSizesThanAHeadshotMakesAreRefused() {
        let many = (1...21).map { OutputPreset(name: "s\($0)", width: 100, height: 100, eyeLine: 0.4) }
        #expect(OutputPreset.problem(with: many)?.contains("at most 20") == true)
        #expect(OutputPreset.problem(with: Array(many.prefix(20))) == nil)
    }

    /// A look whose name ends like another look's size would overwrite that size's file: refused
    /// before any work, naming both outputs; so is a look named like the sheet's input preview.
    @Test func outputsThatWouldShareAFileNameAreRefused() throws {
        var clashing = Look.builtIn["white"]!
        clashing.name = "professional-square-800"
        let out = URL(fileURLWithPath: "/nonexistent-echt-out")
        let options = StudioSession.Options(looks: [Look.builtIn["professional"]!, clashing], outDirectory: out)
        let error = #expect(throws: StudioError.self) { try options.check() }
        #expect(error?.description == "the look professional's square-800 size and the look professional-square-800's headshot "
                + "would both be written to professional-square-800.jpg. Rename the look (its \"name\") or the size.", "\(String(describing: error))")
        var preview = Look.builtIn["white"]!
        preview.name = "input-preview"
        #expect(throws: StudioError.self) { try StudioSession.Options(looks: [preview], outDirectory: out).check() }
        // One headshot per face prefixes every look's files, but not the sheet's.
        #expect(throws: Never.self) { try StudioSession.Options(looks: [preview], outDirectory: out, eachFace: true).check() }
        // Without the size the first look's names are free again.
        #expect(throws: Never.self) { try StudioSession.Options(looks: [Look.builtIn["professional"]!, clashing], outDirectory: out, presets: []).check() }
        let invalid = StudioSession.Options(looks: [Look.builtIn["white"]!], outDirectory: out,
                                            presets: [OutputPreset(name: "a", width: 0, height: 10, eyeLine: 0.4)])
        #expect(throws: StudioError.invalidSizes("size 1: width is 0 but must be from 16 to 10000")) { try invalid.check() }
        #expect(throws: StudioError.invalidQuality(0)) { try StudioSession.Options(outDirectory: out, quality: 0).check() }
        #expect(throws: Never.self) { try StudioSession.Options(outDirectory: out, quality: 100).check() }
    }
}
