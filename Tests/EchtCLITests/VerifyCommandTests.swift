import EchtTestSupport
import Foundation
import Testing

/// `echt verify` on files it cannot check: one plain line per file, the others still checked, exit 1.
@Suite struct VerifyCommandTests {
    /// A folder of its own for each test (Swift Testing makes the suite anew for every test),
    /// removed when the test is done.
    let scratch = ScratchFolder("cli-verify")

    @Test func aFileThatIsNotAnImageOrIsMissingGetsOnePlainLine() throws {
        let work = scratch.url
        let page = work.appendingPathComponent("sheet.html").path
        try Data("<!doctype html><p>a contact sheet</p>".utf8).write(to: URL(fileURLWithPath: page))
        let missing = work.appendingPathComponent("gone.jpg").path

        let run = try EchtBinary.run(["verify", page, Fixtures.samplePortrait.path, missing])
        #expect(run.status == 1, "a file that cannot be checked decides the exit code")
        #expect(run.stdout.contains("no Content Credentials"), "the sample between them is still checked: \(run.stdout)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(lines.first { $0.contains(page) }?.contains("not a JPEG or PNG") == true, "\(run.stderr)")
        #expect(lines.first { $0.contains(missing) }?.contains("Cannot read") == true, "\(run.stderr)")
        #expect(!run.stderr.contains("Error Domain") && !run.stderr.contains("malformed"))
    }

    /// A trust file with no certificate in it (a key, a text file) is refused, not taken as an
    /// empty trust list; `echt keys show` before any key says how to make one.
    @Test func aTrustFileWithoutCertificatesAndAMissingKeyAreExplained() throws {
        let work = scratch.url
        let notes = work.appendingPathComponent("notes.pem").path
        try Data("just some words\n".utf8).write(to: URL(fileURLWithPath: notes))
        let run = try EchtBinary.run(["verify", "--trust", notes, Fixtures.samplePortrait.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("holds no PEM certificate") && run.stderr.hasPrefix("echt: "), "\(run.stderr)")
        let show = try EchtBinary.run(["keys", "show"], environment: ["ECHT_CONFIG_DIR": work.appendingPathComponent("config").path])
        #expect(show.status == 1)
        #expect(show.stderr.contains("echt keys init") && !show.stderr.contains("Error Domain"), "\(show.stderr)")
    }
}
