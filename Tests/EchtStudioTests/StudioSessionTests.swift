import EchtImaging
import EchtTestSupport
import Foundation
import EchtVision
import Testing
@testable import EchtStudio

/// End to end with the real models: the astronaut through two looks into a temporary folder.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.modelsDirectory.appendingPathComponent("face_landmark.tflite").path)
                && FileManager.default.fileExists(atPath: Fixtures.samplePortrait.path),
                "needs the models and the sample portrait (make setup)"))
struct StudioSessionTests {
    @Test func writesPredictableFilesAndNeverOverwritesWithoutForce() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let session = try StudioSession()
        let looks = [Look.builtIn["professional"]!, Look.builtIn["white"]!]
        let options = StudioSession.Options(looks: looks, outDirectory: out)
        let report = try session.run(file: Fixtures.samplePortrait, options: options)
        let folder = out.appendingPathComponent("astronaut")
        for name in ["professional.jpg", "professional-cutout.png", "white.jpg", "white-cutout.png", "sheet.html", "sheet.png", "input-preview.jpg"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) missing")
        }
        #expect(report.headshots.map(\.look) == ["professional", "white"])
        // The geometry check ran on the output and maps back within the limit.
        let error = try #require(report.headshots[0].honesty.landmarkErrorMean)
        #expect(error <= report.headshots[0].honesty.landmarkLimit)
        // The written JPEG decodes at the reported size.
        let decoded = try ImageFile.decode(contentsOf: folder.appendingPathComponent("white.jpg")).image
        #expect(decoded.width == report.headshots[1].width && decoded.height == report.headshots[1].height)
        #expect(decoded[0, 0, 0] > 0.97, "the white backdrop's corner stays white")
        let html = try String(contentsOf: folder.appendingPathComponent("sheet.html"), encoding: .utf8)
        #expect(html.contains("professional.jpg") && html.contains("skin texture kept"))
        #expect(throws: StudioError.outputExists(folder.appendingPathComponent("professional.jpg").path)) {
            try session.run(file: Fixtures.samplePortrait, options: options)
        }
        var forced = options
        forced.force = true
        #expect(try session.run(file: Fixtures.samplePortrait, options: forced).headshots.count == 2)
    }

    /// A photo decoded ahead of its turn (`PhotoPrefetch`, as a batch does for the next photo)
    /// gives the same files, byte for byte, as one decoded in its run.
    @Test func aPrefetchedPhotoGivesTheSameFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let session = try StudioSession()
        let options = StudioSession.Options(looks: [Look.builtIn["professional"]!], outDirectory: out, presets: [])
        _ = try session.run(file: Fixtures.samplePortrait, folderName: "decoded", options: options)
        let prefetch = PhotoPrefetch(file: Fixtures.samplePortrait)
        _ = try session.run(file: Fixtures.samplePortrait, folderName: "prefetched", options: options, prefetched: prefetch)
        for name in ["professional.jpg", "professional-cutout.png", "input-preview.jpg"] {
            let a = try Data(contentsOf: out.appendingPathComponent("decoded/\(name)"))
            let b = try Data(contentsOf: out.appendingPathComponent("prefetched/\(name)"))
            #expect(a == b, "\(name) differs")
        }
        // The prefetch handed its photo over and keeps nothing to hand twice.
        #expect(throws: StudioError.self) { try prefetch.take() }
        // A batch prefetches a photo it can read the size of, within the limit, and no other.
        #expect(PhotoPrefetch.starting(file: Fixtures.samplePortrait) != nil)
        #expect(PhotoPrefetch.starting(file: Fixtures.samplePortrait, largest: 512 * 512 - 1) == nil)
        #expect(PhotoPrefetch.starting(file: out.appendingPathComponent("decoded/sheet.html")) == nil)
    }

    /// A photo stored on its side or upside down without an orientation tag (the face lies at 90°,
    /// is taken for an upright one upside down, or is found only once the photo is turned): the
    /// studio turns it upright, says so in a note and in the edits, and makes the same headshot as
    /// from the upright photo, pixel for pixel (a quarter turn moves pixels without resampling them).
    @Test(arguments: [1, 2, 3])
    func aPhotoStoredOnItsSideIsTurnedUpright(storedTurns: Int) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let upright = try ImageFile.decode(contentsOf: Fixtures.samplePortrait).image
        let sideways = out.appendingPathComponent("sideways.png")
        try ImageFile.encode(upright.quarterTurned(clockwise: storedTurns), options: EncodeOptions(format: .png)).write(to: sideways)
        let session = try StudioSession()
        let options = StudioSession.Options(looks: [Look.builtIn["white"]!], outDirectory: out, presets: [])
        let turned = try session.run(file: sideways, options: options).headshots[0]
        let straight = try session.run(file: Fixtures.samplePortrait, options: options).headshots[0]
        let direction = [1: "90° counterclockwise", 2: "upside down", 3: "90° clockwise"][storedTurns]!
        #expect(turned.notes.first == "The face is upright only with the photo turned \(direction), so the headshot is made "
                + "from the turned photo (has the photo lost its orientation tag?).", "\(turned.notes)")
        let turn = try #require(turned.edits.first { $0.action == "c2pa.orientation" && $0.parameters["quarterTurnsClockwise"] != nil })
        #expect(turn.parameters["quarterTurnsClockwise"] == "\((4 - storedTurns) % 4)")
        #expect(!straight.notes.contains { $0.contains("turned") } && !straight.edits.contains { $0.parameters["quarterTurnsClockwise"] != nil })
        #expect(turned.width == straight.width && turned.height == straight.height && turned.levelDegrees == straight.levelDegrees)
        let a = try ImageFile.decode(contentsOf: URL(fileURLWithPath: turned.file)).image
        let b = try ImageFile.decode(contentsOf: URL(fileURLWithPath: straight.file)).image
        #expect(a == b, "the turned photo's headshot differs from the upright one's")
    }

    /// A photo inside a plain border (a print's white margin, padded with black bars) gives the
    /// same headshot as the picture alone, pixel for pixel: the border is cut before anything
    /// else, and a note and a `c2pa.cropped` edit say so.
    @Test func aPlainBorderIsCutBeforeFraming() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let picture = try ImageFile.decode(contentsOf: Fixtures.samplePortrait).image
        // 30 px of white at the top and the sides, a 90 px black bar at the bottom.
        var framed = Image(width: picture.width + 60, height: picture.height + 120, filledWith: [1, 1, 1])
        for y in framed.height - 90..<framed.height { for x in 0..<framed.width { for k in 0..<3 { framed[x, y, k] = 0 } } }
        for y in 0..<picture.height { for x in 0..<picture.width { for k in 0..<3 { framed[x + 30, y + 30, k] = picture[x, y, k] } } }
        let file = out.appendingPathComponent("framed.png")
        try ImageFile.encode(framed, options: EncodeOptions(format: .png)).write(to: file)
        let session = try StudioSession()
        let options = StudioSession.Options(looks: [Look.builtIn["relaxed"]!], outDirectory: out, presets: [])
        let cut = try session.run(file: file, options: options).headshots[0]
        let alone = try session.run(file: Fixtures.samplePortrait, options: options).headshots[0]
        #expect(cut.notes.first == "Cut the photo's plain border (30 px at the top, 90 px at the bottom, 30 px at the left, 30 px at the right) "
                + "so that the frame starts where the picture does.", "\(cut.notes)")
        let crop = try #require(cut.edits.first { $0.action == "c2pa.cropped" })
        #expect(crop.parameters == ["x": "30", "y": "30", "width": "\(picture.width)", "height": "\(picture.height)"])
        #expect(!alone.notes.contains { $0.contains("border") })
        let a = try ImageFile.decode(contentsOf: URL(fileURLWithPath: cut.file)).image
        let b = try ImageFile.decode(contentsOf: URL(fileURLWithPath: alone.file)).image
        #expect(a == b, "the bordered photo's headshot differs from the picture's")
    }

    /// A face at the photo's side with no room for its frame gets the closest crop inside the
    /// photo, slid past the region its matte was first made for: the matte is made again for a
    /// region holding it (the run failed with "The person matte … was made for other frames").
    /// The photo: the 225-px dev portrait mirrored out to a 5000×600 strip of copies, the largest
    /// face cut by the left edge (asked for with --face 1: by default the studio takes face 2,
    /// the largest the strip shows whole).
    @Test(.enabled(if: Fixtures.devPhotos != nil, "needs ../shared/photos/dev"))
    func aCloseUpSlidIntoThePhotoHasItsMatte() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let small = try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent("portrait-small-225px-glasses-mustache-01.jpg")).image
        func mirrored(_ k: Int, _ n: Int) -> Int { let m = ((k % (2 * n)) + 2 * n) % (2 * n); return m < n ? m : 2 * n - 1 - m }
        var strip = Image(width: 5000, height: 600, filledWith: [0, 0, 0])
        for y in 0..<600 {
            for x in 0..<5000 {
                for c in 0..<3 { strip[x, y, c] = small[mirrored(x - 2400, small.width), mirrored(y - 100, small.height), c] }
            }
        }
        let file = out.appendingPathComponent("strip.png")
        try ImageFile.encode(strip, options: EncodeOptions(format: .png)).write(to: file)
        let session = try StudioSession()
        var options = StudioSession.Options(looks: [Look.builtIn["professional"]!], outDirectory: out, presets: [])
        options.faceIndex = 1
        let headshot = try #require(try session.run(file: file, options: options).headshots.first)
        #expect(headshot.notes.contains { $0.hasPrefix("The photo holds no head-and-shoulders frame") }, "\(headshot.notes)")
        #expect(headshot.honesty.failures.isEmpty, "\(headshot.honesty.failures)")
        options.faceIndex = nil
        options.force = true
        let whole = try #require(try session.run(file: file, options: options).headshots.first)
        #expect(whole.face == 2 && whole.notes.first == "Face 1 is cut by the photo's edge, so the headshot is of face 2, the largest the photo "
                + "shows whole (--face 1 for face 1).", "\(whole.face) \(whole.notes)")
        #expect(!whole.notes.contains { $0.hasPrefix("The photo holds no head-and-shoulders frame") }, "\(whole.notes)")
    }

    /// A photo with transparent parts never shows the colours hidden under them: a green disc on
    /// the suit, transparent in the file, leaves no green in the headshot, while the same pixels
    /// without alpha keep it; the headshot says how the transparent part was read.
    @Test func aPhotosTransparentPartNeverShows() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let photo = try ImageFile.decode(contentsOf: Fixtures.samplePortrait).image
        var cutout = Image(width: photo.width, height: photo.height, filledWith: [0, 0, 0, 1])
        var painted = photo
        for y in 0..<photo.height {
            for x in 0..<photo.width {
                let onDisc = (x - 225) * (x - 225) + (y - 320) * (y - 320) <= 25 * 25
                for k in 0..<3 { painted[x, y, k] = onDisc ? (k == 1 ? 1 : 0) : photo[x, y, k] }
                for k in 0..<3 { cutout[x, y, k] = painted[x, y, k] }
                cutout[x, y, 3] = onDisc ? 0 : 1
            }
        }
        // 2 % of the pixels must be transparent for a cut-out: the photo's top rows are too.
        for y in 0..<16 { for x in 0..<photo.width { cutout[x, y, 3] = 0 } }
        let withAlpha = out.appendingPathComponent("cutout.png"), without = out.appendingPathComponent("painted.png")
        try ImageFile.encode(cutout, options: EncodeOptions(format: .png)).write(to: withAlpha)
        try ImageFile.encode(painted, options: EncodeOptions(format: .png)).write(to: without)
        let session = try StudioSession()
        let options = StudioSession.Options(looks: [Look.builtIn["white"]!], outDirectory: out, presets: [])
        func greenPixels(_ file: URL) throws -> (Int, HeadshotReport) {
            let report = try session.run(file: file, options: options).headshots[0]
            let headshot = try ImageFile.decode(contentsOf: URL(fileURLWithPath: report.file)).image
            var count = 0
            for y in 0..<headshot.height { for x in 0..<headshot.width where headshot[x, y, 1] > 0.5 && headshot[x, y, 0] < 0.1 && headshot[x, y, 2] < 0.1 { count += 1 } }
            return (count, report)
        }
        let (kept, plain) = try greenPixels(without)
        #expect(kept > 500, "the green disc without alpha: \(kept) green pixels")
        #expect(!plain.notes.contains(GivenMatte.insideNote) && !plain.notes.contains(GivenMatte.matteNote))
        let (left, given) = try greenPixels(withAlpha)
        #expect(left == 0, "the transparent green disc left \(left) green pixels")
        // The opaque part holds the photo's background too: the studio's own matte.
        #expect(given.notes.contains(GivenMatte.insideNote), "\(given.notes)")
    }

    /// The note names every look that would show the photo's surroundings, in plain English.
    @Test func theCutOutNoteNamesTheLooksThatShowTheSurroundings() {
        let looks = ["professional", "natural", "relaxed"].map { Look.builtIn[$0]! }
        let (adjusted, note) = StudioSession.looks(looks, forCutOut: true)
        #expect(note == "A cut-out has no surroundings of its own to keep or blur, so the natural and relaxed looks show a warm studio canvas instead.")
        #expect(adjusted.map(\.backdrop.kind) == [.canvas, .canvas, .canvas])
        #expect(StudioSession.looks(looks, forCutOut: false).note == nil)
    }

    /// Echt's own cut-out fed back in is a cut-out: its alpha is the matte (the model agrees that
    /// its opaque part is the person), in every look's framing. The relaxed look, which blurs
    /// the photo's surroundings, has none to blur there (it showed flat grey, every pixel of its
    /// top band alike): a warm, mottled studio canvas stands in, and a note says so.
    @Test func anEchtCutOutFedBackKeepsItsOwnMatte() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let session = try StudioSession()
        let first = try session.run(file: Fixtures.samplePortrait, options: StudioSession.Options(looks: [Look.builtIn["white"]!], outDirectory: out, presets: []))
        let cutout = URL(fileURLWithPath: first.headshots[0].cutout)
        let again = try session.run(file: cutout, folderName: "again", options: StudioSession.Options(
            looks: [Look.builtIn["professional"]!, Look.builtIn["relaxed"]!], outDirectory: out, presets: []))
        #expect(again.headshots.count == 2)
        for headshot in again.headshots { #expect(headshot.notes.contains(GivenMatte.matteNote), "\(headshot.look): \(headshot.notes)") }
        let relaxed = try #require(again.headshots.first { $0.look == "relaxed" })
        #expect(relaxed.notes.contains("A cut-out has no surroundings of its own to keep or blur, so the relaxed look shows a warm studio canvas instead."))
        let image = try ImageFile.decode(contentsOf: URL(fileURLWithPath: relaxed.file)).image
        // The top band, above the head: a canvas varies (vignette, glow, mottle) and is warm.
        var lightest: Float = 0, darkest: Float = 1, warmth: Float = 0
        for y in 0..<(image.height / 10) {
            for x in 0..<image.width {
                let luminance = 0.2126 * image[x, y, 0] + 0.7152 * image[x, y, 1] + 0.0722 * image[x, y, 2]
                lightest = max(lightest, luminance); darkest = min(darkest, luminance)
                warmth += image[x, y, 0] - image[x, y, 2]
            }
        }
        #expect(lightest > darkest * 1.1, "flat backdrop: \(darkest)...\(lightest)")
        #expect(warmth / Float(image.width * (image.height / 10)) > 0.03, "not warm")
    }

    /// A file that cannot be decoded fails at its turn with the error its own decode gives,
    /// prefetched or not, and writes nothing.
    @Test func aPrefetchedBrokenPhotoFailsAtItsTurnAsWithout() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("echt-broken-\(UUID().uuidString).jpg")
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: broken) }
        try Data(try Data(contentsOf: Fixtures.samplePortrait).prefix(600)).write(to: broken)
        let session = try StudioSession()
        let options = StudioSession.Options(looks: [Look.builtIn["white"]!], outDirectory: out, verify: false)
        let plain = #expect(throws: StudioError.self) { try session.run(file: broken, options: options) }
        let ahead = #expect(throws: StudioError.self) { try session.run(file: broken, options: options, prefetched: PhotoPrefetch(file: broken)) }
        #expect(plain != nil && plain == ahead)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(broken.deletingPathExtension().lastPathComponent).path))
    }

    /// Two looks of one run with one name (a user's look file named like a built-in one) would
    /// write the same files: refused before anything is written.
    @Test func twoLooksWithOneNameAreRefused() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var mine = Look.builtIn["white"]!
        mine.name = "Professional"
        let options = StudioSession.Options(looks: [Look.builtIn["professional"]!, mine], outDirectory: out)
        #expect(throws: StudioError.duplicateLookName("Professional")) { try StudioSession().run(file: Fixtures.samplePortrait, options: options) }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// An output folder that is a file says so in plain words (not a Foundation error number).
    @Test func anOutputFolderThatIsAFileIsExplained() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("x".utf8).write(to: file)
        let options = StudioSession.Options(looks: [Look.builtIn["white"]!], outDirectory: file.appendingPathComponent("deeper"), verify: false)
        let error = #expect(throws: StudioError.self) { try StudioSession().run(file: Fixtures.samplePortrait, options: options) }
        #expect(error?.description.contains("\(file.path) is a file, not a folder") == true, "\(String(describing: error))")
    }

    /// A photo that lies in the folder its headshots would go to is refused before anything is
    /// written, even with `force`, so an output named like it can never replace it.
    @Test func aPhotoInItsOwnOutputFolderIsNeverWrittenOver() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("white")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let photo = folder.appendingPathComponent("white.png")
        try FileManager.default.copyItem(at: Fixtures.samplePortrait, to: photo)
        let before = try Data(contentsOf: photo)
        let options = StudioSession.Options(looks: [Look.builtIn["white"]!], outDirectory: out, force: true, verify: false)
        #expect(throws: StudioError.photoInOutputFolder(photo.path, folder: folder.path)) { try StudioSession().run(file: photo, options: options) }
        #expect(try Data(contentsOf: photo) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["white.png"])
    }

    /// A folder the system refuses to make is explained with the system's own reason, in plain
    /// words (Linux refuses any new folder inside /proc).
    @Test func aFolderTheSystemRefusesIsExplained() throws {
        let refused = URL(fileURLWithPath: "/proc/echt-\(UUID().uuidString)")
        let error = #expect(throws: StudioError.self) { try StudioSession.makeFolder(refused.appendingPathComponent("deeper")) }
        let text = error?.description ?? ""
        #expect(text.contains("the system refused to make the folder \(refused.path) (no such file or folder)"), "\(text)")
        #expect(!text.contains("could not be completed"), "\(text)")
    }

    /// A second run with another look adds its files and brings the contact sheet up to date
    /// without `--force`; sheet files that Echt did not write are never replaced.
    @Test func aLaterLookJoinsTheContactSheet() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let session = try StudioSession()
        let folder = out.appendingPathComponent("astronaut")
        _ = try session.run(file: Fixtures.samplePortrait, options: .init(looks: [Look.builtIn["white"]!], outDirectory: out, verify: false))
        let later = try session.run(file: Fixtures.samplePortrait, options: .init(looks: [Look.builtIn["artistic"]!], outDirectory: out, verify: false))
        #expect(later.headshots.map(\.look) == ["artistic"], "the report lists what this run made")
        let html = try String(contentsOf: folder.appendingPathComponent("sheet.html"), encoding: .utf8)
        #expect(html.contains("white.jpg") && html.contains("artistic.jpg"))
        let sheet = try ImageFile.decode(contentsOf: folder.appendingPathComponent("sheet.png")).image
        #expect(sheet.width > 3 * ContactSheet.thumbnailHeight / 2, "input and two headshots side by side: \(sheet.width) px wide")
        // Every tile has its caption (the honesty figures) set in dark ink under it.
        #expect(sheet.height == ContactSheet.thumbnailHeight + 2 * ContactSheet.gap + ContactSheet.captionHeight)
        let band = (ContactSheet.thumbnailHeight + ContactSheet.gap)..<sheet.height
        var inkColumns = 0
        for x in 0..<sheet.width where band.contains(where: { sheet[x, $0, 0] < 0.2 }) { inkColumns += 1 }
        #expect(inkColumns > sheet.width / 4, "caption ink in \(inkColumns) of \(sheet.width) columns")

        let foreign = out.appendingPathComponent("other/astronaut")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("my own page".utf8).write(to: foreign.appendingPathComponent("sheet.html"))
        #expect(throws: StudioError.outputExists(foreign.appendingPathComponent("sheet.html").path)) {
            try session.run(file: Fixtures.samplePortrait, options: .init(looks: [Look.builtIn["white"]!],
                                                                          outDirectory: out.appendingPathComponent("other"), verify: false))
        }
        #expect(try String(contentsOf: foreign.appendingPathComponent("sheet.html"), encoding: .utf8) == "my own page")
    }

    /// Another photo of the same name, run later into the same folder, is refused without
    /// `--force` (its sheet would have dropped the first photo's headshots beside them), and
    /// the first photo's files stay as they were.
    @Test func anotherPhotoOfTheSameNameIsRefused() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let session = try StudioSession()
        let other = out.appendingPathComponent("elsewhere/astronaut.png")
        try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.samplePortrait, to: other)
        let results = out.appendingPathComponent("results"), folder = results.appendingPathComponent("astronaut")
        _ = try session.run(file: Fixtures.samplePortrait, options: .init(looks: [Look.builtIn["white"]!], outDirectory: results, verify: false))
        let preview = try Data(contentsOf: folder.appendingPathComponent("input-preview.jpg"))
        #expect(throws: StudioError.folderOfAnotherPhoto(folder.path, photo: Fixtures.samplePortrait.path)) {
            try session.run(file: other, options: .init(looks: [Look.builtIn["artistic"]!], outDirectory: results, verify: false))
        }
        #expect(try Data(contentsOf: folder.appendingPathComponent("input-preview.jpg")) == preview)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("artistic.jpg").path))
    }

    /// A run that fails takes back only the files it wrote itself: a file another run put into
    /// the same folder meanwhile (two runs started at once) stays, as do the files there before.
    @Test func aFailedRunTakesBackOnlyItsOwnFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("before".utf8).write(to: folder.appendingPathComponent("before.txt"))
        let contents = FolderContents(folder)
        let writer = OutputWriter(sign: nil, force: false, written: contents.written)
        try writer.writeUnsigned(Data("mine".utf8), to: folder.appendingPathComponent("mine.jpg"), overwrite: false)
        // The other run's file, written beside this run's.
        try Data("theirs".utf8).write(to: folder.appendingPathComponent("theirs.jpg"))
        #expect(throws: StudioError.outputExists(folder.appendingPathComponent("theirs.jpg").path)) {
            try writer.writeUnsigned(Data("mine too".utf8), to: folder.appendingPathComponent("theirs.jpg"), overwrite: false)
        }
        // A file written over (--force) stays, counted, holding this run's bytes.
        try OutputWriter(sign: nil, force: true, written: contents.written)
            .writeUnsigned(Data("replaced".utf8), to: folder.appendingPathComponent("before.txt"), overwrite: true)
        let outcome = contents.removeWhatIsNew()
        #expect(outcome.removed == 1 && outcome.replaced == 1)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["before.txt", "theirs.jpg"])
        #expect(try String(contentsOf: folder.appendingPathComponent("theirs.jpg"), encoding: .utf8) == "theirs")
    }

    /// The verifier finds the mesh where the input's landmarks say the face is, also in a
    /// close-up the face detector cannot frame, and agrees with the reference mesh there.
    @Test(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
    func theVerifierTracksTheFaceEvenInACloseUp() throws {
        let verifier = VisionVerifier(analyzer: try PortraitAnalyzer())
        let image = try StudioFixtures.astronaut()
        let reference = try StudioFixtures.astronautMesh()
        func meanDistance(_ a: FaceLandmarks, _ b: FaceLandmarks) -> Float {
            zip(a.points, b.points).map { simd_distance(SIMD2($0.x, $0.y), SIMD2($1.x, $1.y)) }.reduce(0, +) / Float(a.points.count)
        }
        let found = try #require(try verifier.landmarks(in: image, expected: reference))
        #expect(meanDistance(found, reference) < 1, "whole photo: \(meanDistance(found, reference)) px")

        let (x0, y0, side) = (182, 78, 96) // forehead to chin, cheek to cheek
        let closeUp = image.region(x0: x0, y0: y0, width: side, height: side)
        let expected = reference.mapped(depthScale: 1) { $0 - SIMD2(Float(x0), Float(y0)) }
        let inCloseUp = try #require(try verifier.landmarks(in: closeUp, expected: expected))
        #expect(meanDistance(inCloseUp, expected) < 2, "close-up: \(meanDistance(inCloseUp, expected)) px")
    }
}
