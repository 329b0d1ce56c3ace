import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// The studio searches faces without the quality reports it never reads: the same faces, in
/// the same order, as the full analysis.
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct StudioAnalyseTests {
    @Test(arguments: ["group-5faces-office-01.jpg", "portrait-official-studio-obama-01.jpg"])
    func theStudioFindsTheFacesOfTheFullAnalysis(_ name: String) throws {
        let session = try StudioSession()
        let image = try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent(name)).image
        let full = try session.analyzer.analyse(image, matte: false)
        let studio = try session.analyse(image, name: name)
        #expect(!studio.faces.isEmpty)
        #expect(studio.faces == full.faces.map(\.face))
        #expect(studio.mattes.allSatisfy { $0 == nil })
    }
}
