import EchtTestSupport
import Foundation
import Testing

/// What `echt studio` prints for people.
@Suite struct StudioCommandTests {
    /// The help names every built-in look with what it does, one unbroken line each (within the
    /// 80 columns the help is wrapped to).
    @Test func helpListsEveryLookOnALineOfItsOwn() throws {
        let help = try EchtBinary.run(["studio", "--help"]).stdout
        #expect(help.contains("Built-in looks (default: professional, artistic, relaxed):"), "\(help)")
        let lines = help.components(separatedBy: "\n")
        for name in ["artistic", "corporate", "natural", "professional", "relaxed", "white"] {
            let line = try #require(lines.first { $0.hasPrefix("  \(name) ") }, "\(name) is not listed")
            #expect(line.count <= 80 && line.hasSuffix("."), "\(line)")
        }
    }

    /// Flags that cannot go together are usage errors (exit 64) in one plain line: a photo beside
    /// --print-look (it was ignored), an empty --out (it wrote into the working folder).
    @Test func printingWithAPhotoAndAnEmptyOutFolderAreRefused() throws {
        let printing = try EchtBinary.run(["studio", "--print-look", "white", "selfie.jpg"])
        #expect(printing.status == 64 && printing.stderr.contains("take no photos"), "\(printing.stderr)")
        let empty = try EchtBinary.run(["studio", "selfie.jpg", "--out", ""])
        #expect(empty.status == 64 && empty.stderr.contains("--out needs a folder name"), "\(empty.stderr)")
    }

    /// A run of several photos ends by naming those another frame of the shoot may serve better
    /// for, with why (the woman with closed eyes), and not the others (the sample portrait).
    @Test(.enabled(if: StudioSigningTests.ready && Fixtures.devPhotos != nil, "needs the sample portrait, models and ../shared/photos/dev"))
    func aRunNamesThePhotosWorthAnotherFrame() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let closed = Fixtures.devPhotos!.appendingPathComponent("portrait-eyes-closed-plain-bg-01.jpg")
        let studio = try EchtBinary.run(["studio", closed.path, Fixtures.samplePortrait.path, "--look", "white", "--out", out.path, "--no-sign"])
        #expect(studio.status == 0, "\(studio.stderr)")
        let line = try #require(studio.stderr.split(separator: "\n").first { $0.contains("another frame") }, "\(studio.stderr)")
        #expect(line == "echt: another frame of the shoot may serve better for 1 of 2 photos: portrait-eyes-closed-plain-bg-01.jpg (eyes closed).")
    }

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

    /// A batch's log reads in order when stdout and stderr go to one file (`> log 2>&1`): each
    /// photo's results come before the next photo's progress line (stdout was block-buffered,
    /// so every result landed after every progress line and error).
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func aBatchLogReadsInOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let second = root.appendingPathComponent("second.png")
        try FileManager.default.copyItem(at: Fixtures.samplePortrait, to: second)
        let binary = try #require(EchtBinary.locate())
        let run = try ChildProcess.run(URL(fileURLWithPath: "/bin/sh"),
                                       ["-c", "\"$0\" studio \"$1\" \"$2\" --look white --no-sign --out \"$3\" 2>&1",
                                        binary.path, Fixtures.samplePortrait.path, second.path, root.appendingPathComponent("out").path])
        let log = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == 0, "\(log)")
        let firstResult = try #require(log.range(of: "/astronaut/ ("), "\(log)")
        let secondProgress = try #require(log.range(of: "[2/2]"), "\(log)")
        #expect(firstResult.lowerBound < secondProgress.lowerBound, "\(log)")
    }

    /// The sizes are the user's to choose: `--print-sizes` prints the standard ones as a document,
    /// an edited copy given to `--sizes` makes exactly its sizes at their pixel size, `--sizes none`
    /// makes none, and a look whose files would clash with a size is refused before any work.
    /// `--quality` sets the JPEG quality (checked before any work too).
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func sizesAndQualityAreTheUsers() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let printed = try EchtBinary.run(["studio", "--print-sizes"])
        #expect(printed.status == 0 && printed.stdout.contains("\"square-800\"") && printed.stdout.contains("\"bio-4x5\""), "\(printed.stdout)")
        // The 512-px sample's headshot is 297×371 px: a 200×250 thumbnail fits.
        let edited = printed.stdout.replacingOccurrences(of: "square-400", with: "thumb")
            .replacingOccurrences(of: "\"width\" : 400", with: "\"width\" : 200").replacingOccurrences(of: "\"height\" : 400", with: "\"height\" : 250")
        let sizes = root.appendingPathComponent("sizes.json")
        try Data(edited.utf8).write(to: sizes)
        let out = root.appendingPathComponent("out"), folder = out.appendingPathComponent("astronaut")
        let made = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "white", "--sizes", sizes.path, "--out", out.path, "--no-sign"])
        #expect(made.status == 0, "\(made.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.contains("white-thumb.jpg") && !files.contains { $0.contains("square-400") }, "\(files)")
        let info = try EchtBinary.run(["info", folder.appendingPathComponent("white-thumb.jpg").path])
        #expect(info.stdout.contains("size         200 x 250"), "\(info.stdout)")
        #expect(made.stdout.contains("Skipped square-800"), "the 512-px sample cannot fill the copied 800×800 size: \(made.stdout)")

        let headshot = folder.appendingPathComponent("white.jpg")
        let defaultBytes = try Data(contentsOf: headshot).count
        let none = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "white", "--sizes", "none", "--quality", "60",
                                       "--out", out.path, "--no-sign", "--force"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(!none.stdout.contains("Skipped"), "\(none.stdout)")
        // A lower quality (with half-resolution colour below 90) makes a smaller file of the same size.
        #expect(try Data(contentsOf: headshot).count < defaultBytes * 2 / 3, "quality 60 against 92: \(defaultBytes) bytes before")
        let zero = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--quality", "0", "--out", out.path])
        #expect(zero.status != 0 && zero.stderr.contains("JPEG quality from 1 to 100"), "\(zero.stderr)")

        let look = root.appendingPathComponent("white-thumb.json")
        try Data(#"{"name": "white-thumb"}"#.utf8).write(to: look)
        let clash = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "white", "--look", look.path, "--sizes", sizes.path,
                                        "--out", root.appendingPathComponent("clash").path, "--no-sign"])
        #expect(clash.status == 1 && clash.stderr.contains("would both be written to white-thumb.jpg"), "\(clash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("clash").path))
    }

    /// `--each` on a group photo: a face the photo's edge cuts is skipped with one line naming it,
    /// every other face gets its headshots, and the run succeeds.
    @Test(.enabled(if: Fixtures.devPhotos != nil && StudioSigningTests.ready, "needs ../shared/photos/dev and the models (make setup)"))
    func eachSkipsAFaceTheEdgeCutsOnceAndWritesTheOthers() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let photo = Fixtures.devPhotos!.appendingPathComponent("group-5faces-office-01.jpg")
        let studio = try EchtBinary.run(["studio", photo.path, "--each", "--look", "professional", "--look", "white",
                                         "--out", out.path, "--no-sign"])
        #expect(studio.status == 0, "\(studio.stderr)")
        let skipped = studio.stderr.split(separator: "\n").filter { $0.contains("skipped face 5") }
        #expect(skipped == ["echt studio: skipped face 5 of group-5faces-office-01.jpg: this face is cut by the photo's edge "
                            + "(its eyes are at the edge or outside the picture), so no headshot can be framed."], "\(studio.stderr)")
        let folder = out.appendingPathComponent("group-5faces-office-01")
        for face in 1...4 {
            for look in ["professional", "white"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("face\(face)-\(look).jpg").path), "face \(face) \(look)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("face5-professional.jpg").path))
    }

    /// A refused photo leaves nothing behind: no half folder with only the input preview, and a
    /// folder from an earlier run keeps exactly what it held.
    @Test(.enabled(if: Fixtures.devPhotos != nil && StudioSigningTests.ready, "needs ../shared/photos/dev and the models (make setup)"))
    func aRefusedPhotoLeavesNoFilesBehind() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        // The crowd photo's largest face is mostly covered by the people around it: refused.
        let photo = Fixtures.devPhotos!.appendingPathComponent("group-crowd-many-small-faces-01.jpg")
        let folder = out.appendingPathComponent("group-crowd-many-small-faces-01")
        let refused = try EchtBinary.run(["studio", photo.path, "--look", "white", "--out", out.path, "--no-sign"])
        #expect(refused.status == 1 && refused.stderr.contains("--face N"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path), "\((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])")

        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let again = try EchtBinary.run(["studio", photo.path, "--look", "white", "--out", out.path, "--no-sign"])
        #expect(again.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    /// Two photos of one run with the same file name (two memory cards) get folders of their
    /// own instead of the second refusing to overwrite the first, a folder stands for its photos,
    /// one photo named twice is made once, and a photo that fails is named again at the end.
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func photosWithTheSameNameGetTheirOwnFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        var copies: [URL] = []
        for card in ["card1", "card2"] {
            let folder = root.appendingPathComponent(card)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let copy = folder.appendingPathComponent("IMG_0001.jpg")
            try FileManager.default.copyItem(at: Fixtures.samplePortrait, to: copy)
            copies.append(copy)
        }
        try Data("not a photo".utf8).write(to: root.appendingPathComponent("card2/IMG_0002.jpg"))
        // card2 is named as a folder: its two photos, one of which is no photo at all.
        let studio = try EchtBinary.run(["studio", copies[0].path, root.appendingPathComponent("card2").path, copies[0].path,
                                         "--look", "white", "--out", out.path, "--no-sign"])
        #expect(studio.status == 1, "\(studio.stderr)")
        #expect(studio.stderr.contains("made headshots of 2 of 3 photos") && studio.stderr.contains("IMG_0002.jpg"), "\(studio.stderr)")
        #expect(studio.stderr.contains("IMG_0001-2/"), "\(studio.stderr)")
        #expect(studio.stderr.contains("is named more than once"), "\(studio.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(folders == ["IMG_0001", "IMG_0001-2"])
        for folder in folders {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(folder).appendingPathComponent("white.jpg").path))
        }
    }

    /// A look named twice is made once (not refused as two looks with one name), and a face
    /// number beyond the photo's faces says how many there are.
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func aLookNamedTwiceIsMadeOnceAndAFaceBeyondTheCountIsExplained() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let twice = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "white", "--look", "white",
                                        "--out", out.path, "--no-sign"])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stderr.contains("the look white is named more than once; it is made once"), "\(twice.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("astronaut/white.jpg").path))
        let beyond = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--face", "4", "--look", "white",
                                         "--out", out.path, "--no-sign", "--force"])
        #expect(beyond.status != 0)
        #expect(beyond.stderr.contains("has one face, so there is no face 4 to choose. Leave out --face."), "\(beyond.stderr)")
    }

    /// `--json` gives a script every photo made, with its headshots and honesty figures, and every
    /// photo not made with the reason, on stdout, with nothing else there.
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func jsonListsThePhotosMadeAndThoseNotMade() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let broken = root.appendingPathComponent("broken.jpg")
        try Data("not a photo".utf8).write(to: broken)
        let studio = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, broken.path, "--json", "--look", "white",
                                         "--out", root.appendingPathComponent("out").path, "--no-sign"])
        #expect(studio.status == 1, "\(studio.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(studio.stdout.utf8)) as? [String: Any], "\(studio.stdout)")
        let photos = try #require(summary["photos"] as? [[String: Any]])
        #expect(photos.count == 1 && (photos[0]["input"] as? String)?.hasSuffix(Fixtures.samplePortrait.lastPathComponent) == true)
        let headshots = try #require(photos[0]["headshots"] as? [[String: Any]])
        #expect(headshots.count == 1 && headshots[0]["honesty"] != nil, "\(headshots)")
        let notMade = try #require(summary["notMade"] as? [[String: Any]])
        #expect(notMade.count == 1 && notMade[0]["input"] as? String == broken.path, "\(notMade)")
        #expect((notMade[0]["error"] as? String)?.contains("not an image") == true, "\(notMade)")
    }

    /// Ctrl-C (here SIGTERM, as a background process ignores SIGINT) while a photo is being made:
    /// its folder is taken back, no temporary file stays, and the same command then runs without
    /// `--force`.
    @Test(.enabled(if: Fixtures.devPhotos != nil && StudioSigningTests.ready, "needs ../shared/photos/dev and the models (make setup)"))
    func anInterruptedPhotoLeavesNothingBehindAndRunsAgain() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        // The 14 MP photo: its first file (the input preview) is written a second or more before the last.
        let photo = Fixtures.devPhotos!.appendingPathComponent("portrait-xlarge-4600px-beard-cluttered-01.jpg")
        let folder = out.appendingPathComponent("portrait-xlarge-4600px-beard-cluttered-01")
        let arguments = ["studio", photo.path, "--look", "professional", "--out", out.path, "--no-sign"]
        let process = Process()
        guard let binary = EchtBinary.locate() else { throw CLITestError("the echt binary was not found; run `swift build` first") }
        process.executableURL = binary
        process.arguments = arguments
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let started = Date()
        while process.isRunning, Date().timeIntervalSince(started) < 120,
              ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty {
            Thread.sleep(forTimeInterval: 0.005)
        }
        let sentWhileRunning = process.isRunning
        process.terminate()
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(sentWhileRunning, "the run finished before the first file appeared")
        #expect(process.terminationStatus == 128 + SIGTERM, "\(stderr)")
        #expect(stderr.contains("interrupted") && stderr.contains("Took back"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path),
                "\((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])")
        let again = try EchtBinary.run(arguments)
        #expect(again.status == 0, "\(again.stderr)")
    }
}
