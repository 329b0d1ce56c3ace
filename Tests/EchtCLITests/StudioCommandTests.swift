import EchtTestSupport
import Foundation
import Testing

/// What `echt studio` prints for people.
@Suite struct StudioCommandTests {
    /// Looks with the same framing have the same notes (framing, sizes the photo cannot fill):
    /// they are printed once, and the later look points to them.
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func notesSharedByEveryLookArePrintedOnce() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let studio = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "professional", "--look", "white",
                                         "--out", out.path, "--no-sign"])
        #expect(studio.status == 0, "\(studio.stderr)")
        let notes = studio.stdout.split(separator: "\n").filter { $0.contains("note:") }
        #expect(notes.contains { $0.contains("Skipped square-800") }, "the 512-px sample cannot fill 800×800: \(studio.stdout)")
        #expect(Set(notes).count == notes.count, "a note is repeated: \(studio.stdout)")
        #expect(studio.stdout.contains("notes as for professional.jpg"), "\(studio.stdout)")
    }
}
