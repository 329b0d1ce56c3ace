import EchtTestSupport
import Foundation
import Testing

/// `echt --help`, `--version` and `echt info`, run as a user would.
@Suite struct InfoCommandTests {
    static let astronaut = Fixtures.samplePortrait.path

    @Test func versionPrintsTheVersion() throws {
        let run = try EchtBinary.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func helpListsTheInfoSubcommand() throws {
        let run = try EchtBinary.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: echt <subcommand>"))
        #expect(run.stdout.contains("info"))
        let infoHelp = try EchtBinary.run(["info", "--help"])
        #expect(infoHelp.status == 0 && infoHelp.stdout.contains("--json"))
    }

    @Test func infoDescribesTheSample() throws {
        let run = try EchtBinary.run(["info", Self.astronaut])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("PNG"))
        #expect(run.stdout.contains("512 x 512"))
        #expect(run.stdout.contains("sRGB"))
        #expect(run.stderr.isEmpty)
    }

    @Test func infoJSONIsParseable() throws {
        let run = try EchtBinary.run(["info", "--json", Self.astronaut])
        #expect(run.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        let first = try #require(parsed?.first)
        #expect(first["width"] as? Int == 512 && first["height"] as? Int == 512)
        #expect(first["format"] as? String == "png")
        #expect(first["hasGPS"] as? Bool == false && first["hasC2PAManifest"] as? Bool == false)
    }

    @Test func missingFileIsAPlainErrorWithNonZeroExit() throws {
        let missing = "/definitely/not/here.jpg"
        let run = try EchtBinary.run(["info", Self.astronaut, missing])
        #expect(run.status == 1)
        // The good file is still described; the bad one gets one plain line on stderr.
        #expect(run.stdout.contains("512 x 512"))
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("echt: \(missing) does not exist") == true, "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("Fatal") && !run.stderr.contains("Stack"))
    }

    @Test func nonImageIsReported() throws {
        let scratch = ScratchFolder("cli")
        let url = scratch.file("notes.png")
        try Data("hello".utf8).write(to: url)
        let run = try EchtBinary.run(["info", url.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not an image Echt can read"))
    }

    @Test func missingArgumentIsAUsageError() throws {
        let run = try EchtBinary.run(["info"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Usage: echt info"))
    }
}
