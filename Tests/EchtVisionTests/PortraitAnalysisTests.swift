import EchtImaging
import Foundation
import Testing
@testable import EchtVision

/// Summary, issues and overlay of an analysis built from reference faces.
@Suite(.enabled(if: ModelGolden.available, "needs ../shared/docs/models/golden (astronaut bytes)"))
struct PortraitAnalysisTests {
    func analysis(_ name: String, image: Image) throws -> PortraitAnalysis {
        let g = try VisionGolden.load(name)
        let faces = g.faces.map { f -> PortraitAnalysis.AnalysedFace in
            let report = FaceReport(face: f.face, landmarks: f.faceLandmarks, in: image)
            return .init(face: f.face, report: report, issues: report.issues)
        }
        return PortraitAnalysis(faces: faces, unconfirmedDetections: [], matte: nil, imageWidth: image.width, imageHeight: image.height)
    }

    @Test func summaryRoundTripsThroughJSON() throws {
        let a = try analysis("astronaut", image: try ModelGolden.astronaut())
        let summary = a.summary(includeLandmarks: true)
        let decoded = try JSONDecoder().decode(PortraitAnalysis.Summary.self, from: try JSONEncoder().encode(summary))
        #expect(decoded == summary)
        #expect(summary.faces.count == 1 && summary.faces[0].landmarks?.count == 468 && !summary.noFaceFound)
        #expect(a.faces[0].issues.isEmpty, "\(a.faces[0].issues)")
        #expect(a.textReport.contains("face 1:"))
    }

    @Test func closedEyesSmallFacesAndFacesOnTheirSideAreFlagged() throws {
        let image = try ModelGolden.astronaut()
        let half = try analysis("astronaut_half", image: TestImages.halved(image))
        #expect(half.faces[0].issues.contains(.tooSmall))
        #expect(half.textReport.contains("\n  issues: face too small"), "\(half.textReport)")
        var report = half.faces[0].report
        report.imageLeftEyeOpenness = 0.05; report.imageRightEyeOpenness = 0.07
        #expect(report.issues.contains(.eyesClosed))
        // A face lying on its side (a photo stored sideways) is flagged; a tilted head is not.
        report.headPose.roll = 89
        #expect(report.issues.contains(.onItsSide))
        report.headPose.roll = -30
        #expect(!report.issues.contains(.onItsSide))
    }

    @Test func overlayDrawsBoxAndIrises() throws {
        let image = try ModelGolden.astronaut()
        let a = try analysis("astronaut", image: image)
        let overlay = AnalysisOverlay.render(a, on: image)
        let box = a.faces[0].face.detection.box
        let x = Int(box.center.x), y = Int(box.minY)
        #expect(overlay[x, y, 0] == 0 && overlay[x, y, 1] == 1 && overlay[x, y, 2] == 0)
        let iris = try #require(a.faces[0].face.landmarks?.rightIris?.center)
        #expect(overlay[Int(iris.x), Int(iris.y), 0] == 1 && overlay[Int(iris.x), Int(iris.y), 1] == 0)
        #expect(overlay[5, 5, 0] == image[5, 5, 0])
    }

    @Test func emptyAnalysisSaysNoFaceFound() {
        let a = PortraitAnalysis(faces: [], unconfirmedDetections: [], matte: nil, imageWidth: 10, imageHeight: 10)
        #expect(a.noFaceFound && a.textReport == "no face found" && a.summary().noFaceFound)
    }
}
