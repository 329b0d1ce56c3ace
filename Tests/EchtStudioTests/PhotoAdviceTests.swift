import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// The advice on the photo itself, from the face's report: measured on dev photos whose answer
/// is known (closed eyes, a turned head, a blurred copy of a sharp portrait) and on portraits
/// that need none.
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct PhotoAdviceTests {
    static let session = Result { try StudioSession() }

    /// The advice on the face the studio makes of `image` by default.
    static func advice(_ image: Image, name: String) throws -> [String] {
        let found = try session.get().analyse(image, name: name)
        let face = try StudioPipeline.chooseFace(in: found, index: nil, sourceName: name)
        return PhotoAdvice.forFace(face, in: image).notes
    }

    static func devPhoto(_ name: String) throws -> Image {
        try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent(name)).image
    }

    /// The woman with closed eyes is told so, as she is and mirrored, and nothing else.
    @Test func closedEyesAreTold() throws {
        let name = "portrait-eyes-closed-plain-bg-01.jpg"
        let image = try Self.devPhoto(name)
        for variant in [image, image.mirrored()] {
            let notes = try Self.advice(variant, name: name)
            #expect(notes.count == 1 && notes[0].hasPrefix("The eyes are closed"), "\(notes)")
        }
    }

    /// Sharp portraits facing the camera with open eyes get no advice, at their own size, at half
    /// of it (sharpness is measured relative to the face, not in pixels) and saved as a JPEG of
    /// quality 30 (its blocks are no blur).
    @Test(arguments: ["portrait-official-studio-obama-01.jpg", "portrait-elderly-cap-glasses-outdoor-01.jpg",
                      "portrait-glasses-beard-blue-studio-01.jpg", "portrait-small-225px-glasses-mustache-01.jpg"])
    func sharpOpenFrontalPortraitsGetNone(_ name: String) throws {
        let image = try Self.devPhoto(name)
        #expect(try Self.advice(image, name: name) == [])
        #expect(try Self.advice(image.resized(width: image.width / 2, height: image.height / 2), name: name) == [])
        let recompressed = try ImageFile.decode(data: ImageFile.encode(image, options: EncodeOptions(format: .jpeg, quality: 30))).image
        #expect(try Self.advice(recompressed, name: name) == [])
    }

    /// The elderly man's sharp portrait (eye sharpness 0.88) blurred by σ = 4 px (his eyes are
    /// 118 px apart) is told its eyes are not sharp.
    @Test func aBlurredCopyIsToldItsEyesAreNotSharp() throws {
        let name = "portrait-elderly-cap-glasses-outdoor-01.jpg"
        let notes = try Self.advice(try Self.devPhoto(name).gaussianBlurred(sigma: 4), name: name)
        #expect(notes.count == 1 && notes[0].hasPrefix("The eyes are not sharp in this photo (sharpness 0.1"), "\(notes)")
    }

    /// The cameraman looking through his camera (head turned 48°, eyes soft behind it) is told
    /// both, the turn with its angle.
    @Test func aTurnedHeadIsToldWithItsAngle() throws {
        let name = "portrait-profile-bw-camera-occlusion-01.png"
        let notes = try Self.advice(try Self.devPhoto(name), name: name)
        #expect(notes.count == 2, "\(notes)")
        let turn = try #require(notes.first)
        let degrees = try #require(turn.split(separator: " ").first { $0.hasSuffix("°") }.flatMap { Int($0.dropLast()) })
        #expect(turn.hasPrefix("The head is turned") && (46...50).contains(degrees), "\(turn)")
        #expect(notes.last?.hasPrefix("The eyes are not sharp") == true, "\(notes)")
    }

    /// In the office group, the man looking down at his papers (face 4) is told his head is
    /// bowed, the woman out of focus behind (face 3) that her eyes are not sharp; the man in
    /// front (face 1, turned 29°) and the woman beside him (face 2, 36°) get nothing.
    @Test func theOfficeFacesGetTheirOwnAdvice() throws {
        let name = "group-5faces-office-01.jpg"
        let image = try Self.devPhoto(name)
        let faces = try Self.session.get().analyse(image, name: name).facesBySize
        let advice = faces.prefix(4).map { PhotoAdvice.forFace($0, in: image) }
        #expect(advice.map(\.issues) == [[], [], [.soft], [.chinFarDownOrUp]])
        let bowed = try #require(advice[3].notes.first)
        #expect(bowed.hasPrefix("The head is bowed 4") && bowed.contains("° towards the chest"), "\(bowed)")
    }

    /// The advice reaches every look's headshot of a run, before the framing's notes.
    @Test func everyLookCarriesTheAdvice() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-advice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let options = StudioSession.Options(looks: ["professional", "natural"].map { Look.builtIn[$0]! }, outDirectory: out, presets: [])
        let report = try Self.session.get().run(file: Fixtures.devPhotos!.appendingPathComponent("portrait-eyes-closed-plain-bg-01.jpg"),
                                                options: options)
        #expect(report.headshots.count == 2)
        for headshot in report.headshots {
            #expect(headshot.notes.first?.hasPrefix("The eyes are closed") == true, "\(headshot.look): \(headshot.notes)")
            #expect(headshot.advice == [.eyesClosed])
        }
        #expect(PhotoAdvice.summary(of: [report])?.list == "portrait-eyes-closed-plain-bg-01.jpg (eyes closed)")
    }
}

/// The notes a report's issues give, without photos: each names its measure.
struct PhotoAdviceNotesTests {
    /// The eyes-closed dev photo's report as `echt analyse --json` gives it, with `change` applied.
    static func report(_ change: (inout FaceReport) -> Void = { _ in }) throws -> FaceReport {
        let json = """
        {"exposure":{"clippedHighlights":0.0005,"crushedShadows":0.00003,"meanLightness":81.3,"meanLuminance":0.59},
         "eyeSharpness":0.49,"gaze":{"angleFromCamera":20.2,"horizontal":-0.027,"towardCamera":0.36,"vertical":0.043},
         "headPose":{"pitch":-14.8,"roll":-1.5,"yaw":0.6},"imageLeftEyeOpenness":0.31,"imageRightEyeOpenness":0.3,
         "mouthOpenness":0.034,"noise":1.29,"size":{"heightPixels":201.5,"interocularPixels":67.6,"relativeArea":0.236,
         "relativeHeight":0.421,"widthPixels":201.6},"skinColour":{"a":9.7,"b":14.9,"chroma":17.8,"hue":57.1},"smile":0.55}
        """
        var report = try JSONDecoder().decode(FaceReport.self, from: Data(json.utf8))
        change(&report)
        return report
    }

    @Test func aGoodFaceGetsNone() throws {
        #expect(PhotoAdvice.notes(for: try Self.report()).isEmpty)
    }

    @Test func eachIssueNamesItsMeasure() throws {
        let notes = PhotoAdvice.notes(for: try Self.report {
            $0.headPose.yaw = -52.4
            $0.headPose.pitch = -47.6
            $0.eyeSharpness = 0.137
            $0.exposure.clippedHighlights = 0.062
            $0.imageLeftEyeOpenness = 0.05; $0.imageRightEyeOpenness = 0.08
        })
        #expect(notes.count == 5, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("The head is turned 52° away") })
        #expect(notes.contains { $0.hasPrefix("The head is bowed 48° towards the chest;") })
        let raised = PhotoAdvice.notes(for: try Self.report { $0.headPose.pitch = 44.6 })
        #expect(raised.count == 1 && raised[0].hasPrefix("The chin is raised 45°;"), "\(raised)")
        #expect(notes.contains { $0.hasPrefix("The eyes are not sharp in this photo (sharpness 0.14;") })
        #expect(notes.contains { $0.hasPrefix("6 % of the face's skin is blown to white") })
        #expect(notes.contains { $0.hasPrefix("The eyes are closed") })
    }

    /// What other notes say already (too few pixels) or the studio fixes (a turn) is not advice.
    @Test func whatIsSaidOrFixedElsewhereIsNotAdvice() throws {
        let report = try Self.report {
            $0.size.interocularPixels = 12
            $0.headPose.roll = 90
            $0.gaze = nil
        }
        #expect(report.issues == [.tooSmall, .eyesNotMeasured, .onItsSide])
        #expect(PhotoAdvice.notes(for: report).isEmpty)
    }
}

/// The list a run of several photos ends with, from the reports (as `--json` and `sheet.json`
/// hold them).
struct PhotoAdviceSummaryTests {
    /// A report of `faces` (face number, advice) in one look; without `advice` keys when nil,
    /// as reports were written before they had advice.
    static func report(_ input: String, _ faces: [(Int, [String]?)]) throws -> PhotoReport {
        let honesty = """
        {"landmarkLimit":4,"geometryError":0.01,"skinTextureKept":1.2,"onlyBackdropGenerated":true,"generatedShare":0.5}
        """
        let headshots = faces.map { face, advice in
            """
            {"look":"white","face":\(face),"file":"/o/f\(face).jpg","width":10,"height":12,"sizes":[],"cutout":"/o/c.png",
             "honesty":\(honesty),"levelDegrees":0,"scale":1,"notes":[],"edits":[],"signed":false\(advice.map { ",\"advice\":[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" } ?? "")}
            """
        }
        let json = """
        {"input":"\(input)","folder":"/o","width":100,"height":120,"faces":\(faces.count),"headshots":[\(headshots.joined(separator: ","))],
         "sheet":"/o/sheet.html","sheetImage":"/o/sheet.png","seconds":1}
        """
        return try JSONDecoder().decode(PhotoReport.self, from: Data(json.utf8))
    }

    @Test func namesEachAdvisedPhotoWithWhy() throws {
        let reports = [
            try Self.report("/shoot/a.jpg", [(1, ["eyesClosed"])]),
            try Self.report("/shoot/b.jpg", [(1, [])]),
            try Self.report("/shoot/group.jpg", [(1, []), (2, ["turnedAway", "soft"]), (3, ["highlightsClipped"])]),
        ]
        let summary = try #require(PhotoAdvice.summary(of: reports))
        #expect(summary.photos == 2)
        #expect(summary.list == "a.jpg (eyes closed), group.jpg (face 2: head turned away, eyes not sharp; face 3: skin blown to white)")
        #expect(PhotoAdvice.summary(of: [reports[1]]) == nil)
    }

    /// The contact sheet says it under the input, in the picture and on the page.
    @Test func theContactSheetSaysItUnderTheInput() throws {
        let advised = try Self.report("/shoot/a.jpg", [(1, ["eyesClosed"])]), clean = try Self.report("/shoot/b.jpg", [(1, [])])
        #expect(ContactSheet.caption(input: advised).hasSuffix("\n<b>Another frame may serve better:</b> eyes closed"))
        #expect(ContactSheet.caption(input: clean).split(separator: "\n").count == 2)
        let names = OutputNames(folder: URL(fileURLWithPath: "/o"), eachFace: false)
        #expect(ContactSheet.html(report: advised, names: names).contains("<br><b>Another frame may serve better:</b> eyes closed</figcaption>"))
        #expect(!ContactSheet.html(report: clean, names: names).contains("Another frame"))
    }

    /// A contact sheet's index written before reports had advice still reads (a later run adds
    /// its looks to that sheet), with none.
    @Test func reportsWithoutAdviceStillRead() throws {
        let old = try Self.report("/shoot/a.jpg", [(1, nil)])
        #expect(old.headshots.map(\.advice) == [[]])
        #expect(PhotoAdvice.summary(of: [old]) == nil)
    }
}
